package cn.township.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cn.township.e2e.Fixtures.ok;
import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 2, through the gateway only: the lead department blows the whistle (吹哨) for the police and market
 * supervision; the police report in (报到), market supervision lets the deadline pass and shows as late in the
 * supervision digest (督办) of the secretary and of the lead department, once.
 */
class WhistleIT {

    @Test
    void anAgencyThatMissesItsReportInShowsInSupervision() {
        String ticketNo = "E2E-" + UUID.randomUUID();
        Platform.Reply pushed = post("service-account-hotline", "/api/intake/v1/tickets",
                Fixtures.ticket(ticketNo, "market-supervision", false));
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
        String caseId = "C-" + pushed.json().path("ticketId").asString();
        Fixtures.awaitInSignOffQueue(caseId);
        ok(post("secretary", "/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"" + caseId
                + "\",\"leadDepartment\":\"construction\",\"supervisingLeader\":\"vice-head-infrastructure\"}]}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));

        Instant due = Platform.now().plusSeconds(10);
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/whistle", """
                {"agencies":["police","market-supervision"],"reason":"unlicensed stall blocking the lane",
                 "reportInDueAt":"%s"}""".formatted(due)));
        assertThat(get("agency-market", "/api/dispatch/cases/" + caseId).status())
                .as("a summoned agency sees the case").isEqualTo(200);
        Platform.Reply reported = post("agency-police", "/api/dispatch/cases/" + caseId + "/report-in", "");
        ok(reported);
        assertThat(reported.json().path("coHandlers").toString()).contains("police");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(lateAgencies("secretary", caseId))
                        .containsExactly("market-supervision"));
        assertThat(lateAgencies("dept-construction", caseId))
                .as("the lead department's own digest").containsExactly("market-supervision");

        List<String> timeline = get("secretary", "/api/dispatch/cases/" + caseId + "/timeline").json().valueStream()
                .map(n -> n.path("action").asString()).toList();
        assertThat(timeline).containsSubsequence("WHISTLE_BLOWN", "REPORTED_IN", "REPORT_IN_OVERDUE");
        assertThat(timeline).containsOnlyOnce("REPORTED_IN", "REPORT_IN_OVERDUE");
        assertThat(get("secretary", "/api/dispatch/cases?agency=market-supervision&size=200").body()).contains(caseId);
    }

    static List<String> lateAgencies(String user, String caseId) {
        var line = Fixtures.digestLine(user, caseId);
        return line.isMissingNode() ? List.of("(case not in the digest)")
                : line.path("lateAgencies").valueStream().map(n -> n.asString()).toList();
    }
}
