package cn.township.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static cn.township.e2e.Fixtures.ok;
import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 4, through the gateway only: a grid worker of 南岔村 reports a blocked drain found on patrol (未诉先办)
 * → a GRID case → signed off, handled and resolved → closed at once (nobody calls back), counted as GRID
 * apart from 12345 tickets, with no result sent to the city.
 */
class GridReportIT {

    @Test
    void aGridWorkersReportIsHandledAndClosedBeforeAnyCallAndCountedAsGrid() {
        long gridBefore = gridCount();
        Platform.Reply reported = post("grid-nancha", "/api/intake/v1/grid-reports", """
                {"reportId":"P-%s","category":"drainage","description":"独居老人家门口排水沟堵塞"}"""
                .formatted(UUID.randomUUID()));
        assertThat(reported.status()).as("%s", reported).isEqualTo(201);
        String ticketId = reported.json().path("ticketId").asString();
        String caseId = "C-" + ticketId;

        Fixtures.awaitInSignOffQueue(caseId);
        assertThat(get("secretary", "/api/dispatch/cases/" + caseId).json().path("source").asString()).isEqualTo("GRID");
        ok(post("secretary", "/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"" + caseId
                + "\",\"leadDepartment\":\"construction\",\"responsibleVillage\":\"nancha\"}]}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/contact",
                "{\"note\":\"met the grid worker at the drain\"}"));
        Platform.Reply resolved = post("dept-construction", "/api/dispatch/cases/" + caseId + "/resolve",
                "{\"resolution\":\"drain dredged the same afternoon\"}");
        ok(resolved);
        assertThat(resolved.json().path("state").asString()).as("no call-back to wait for").isEqualTo("CLOSED");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("grid-nancha", "/api/intake/v1/tickets/" + ticketId).json().path("status").asString())
                        .isEqualTo("CLOSED"));
        assertThat(get("secretary", "/api/dispatch/cases?source=GRID&state=CLOSED&size=200").body()).contains(caseId);
        assertThat(get("secretary", "/api/dispatch/cases?source=HOTLINE_12345&size=200").body()).doesNotContain(caseId);
        assertThat(gridCount()).as("counted apart from 12345 tickets").isEqualTo(gridBefore + 1);
        assertThat(get("service-account-hotline", "/api/intake/v1/tickets/" + ticketId).status())
                .as("the city's own view holds 12345 tickets only").isEqualTo(404);
    }

    private static long gridCount() {
        Platform.Reply counts = get("secretary", "/api/intake/v1/tickets/counts");
        assertThat(counts.status()).as("%s", counts).isEqualTo(200);
        return counts.json().path("bySource").path("GRID").asLong();
    }
}
