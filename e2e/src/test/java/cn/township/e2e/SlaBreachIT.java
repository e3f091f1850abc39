package cn.township.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static cn.township.e2e.Fixtures.ok;
import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 6, through the gateway, on the platform's test clock: nobody contacts the complainant of an accepted
 * case; when the first-contact deadline passes the case is breached and escalated to the supervising leader
 * the secretary named, once, however long the clock then runs on.
 */
class SlaBreachIT {

    static final String LEADER = "vice-head-infrastructure";

    @Test
    void aMissedFirstContactEscalatesToTheSupervisingLeaderOnce() {
        Platform.Reply pushed = post("service-account-hotline", "/api/intake/v1/tickets",
                Fixtures.ticket("E2E-" + UUID.randomUUID(), "roads", false));
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
        String caseId = "C-" + pushed.json().path("ticketId").asString();
        Fixtures.awaitInSignOffQueue(caseId);
        ok(post("secretary", "/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"" + caseId
                + "\",\"leadDepartment\":\"construction\",\"supervisingLeader\":\"" + LEADER + "\"}]}"));
        ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));
        JsonNode accepted = view(caseId);
        assertThat(accepted.path("deadlines").path("breached").asBoolean()).isFalse();
        assertThat(accepted.path("escalatedTo").isNull() || accepted.path("escalatedTo").isMissingNode()).isTrue();

        Instant firstContactDue = Instant.parse(accepted.path("deadlines").path("firstContactDueAt").asString());
        Platform.advanceClock(Duration.between(Platform.now(), firstContactDue).plusMinutes(5));

        // every other open case's timers fall due too: on a platform holding thousands that takes a while
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode breached = view(caseId);
            assertThat(breached.path("deadlines").path("breached").asBoolean()).as("%s", breached).isTrue();
            assertThat(breached.path("escalatedTo").asString()).isEqualTo(LEADER);
        });
        assertThat(view(caseId).path("deadlines").path("overdue").asBoolean()).isTrue();

        Platform.advanceClock(Duration.ofHours(1)); // still before the resolution deadline's own marks
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(timeline(caseId).stream().filter("SLA_BREACHED"::equals)).as("escalated once").hasSize(1));
        assertThat(Fixtures.digestLine("secretary", caseId).path("escalatedTo").asString()).isEqualTo(LEADER);
    }

    static JsonNode view(String caseId) {
        Platform.Reply kase = get("secretary", "/api/dispatch/cases/" + caseId);
        assertThat(kase.status()).as("%s", kase).isEqualTo(200);
        return kase.json();
    }

    static java.util.List<String> timeline(String caseId) {
        return get("secretary", "/api/dispatch/cases/" + caseId + "/timeline").json().valueStream()
                .map(n -> n.path("action").asString()).toList();
    }
}
