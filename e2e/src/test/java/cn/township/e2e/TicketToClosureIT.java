package cn.township.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 1 of the whole platform, through the gateway only: a 12345 push → the secretary's sign-off → the
 * lead department accepts, contacts the complainant, resolves → the result reaches the city's endpoint →
 * the city's satisfaction call-back → the case and the ticket are closed.
 */
class TicketToClosureIT {

    static final FakeCity CITY = new FakeCity(8099);

    @AfterAll
    static void stopCity() {
        CITY.close();
    }

    @Test
    void aPushedTicketIsHandledAndClosedAfterTheCitysCallBack() {
        String ticketNo = "E2E-" + UUID.randomUUID();
        String push = Fixtures.ticket(ticketNo, "drainage", false);
        Platform.Reply pushed = post("service-account-hotline", "/api/intake/v1/tickets", push);
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
        String ticketId = pushed.json().path("ticketId").asString();
        assertThat(post("service-account-hotline", "/api/intake/v1/tickets", push).status())
                .as("the city's retry of the same push").isEqualTo(200);
        String caseId = "C-" + ticketId;

        Fixtures.awaitInSignOffQueue(caseId);
        Platform.Reply signed = post("secretary", "/api/dispatch/sign-offs",
                "{\"items\":[{\"caseId\":\"" + caseId + "\",\"supervisingLeader\":\"vice-head-infrastructure\"}]}");
        assertThat(signed.status()).as("%s", signed).isBetween(200, 299);

        Fixtures.ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/accept", null));
        Fixtures.ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/contact", "{\"note\":\"phoned\"}"));
        Fixtures.ok(post("dept-construction", "/api/dispatch/cases/" + caseId + "/resolve",
                "{\"resolution\":\"the drain was cleared and re-laid\"}"));

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(CITY.received()).anySatisfy(body -> assertThat(body).contains(ticketNo).contains(caseId)));

        Platform.Reply rated = post("service-account-hotline", "/api/intake/v1/tickets/" + ticketId + "/satisfaction",
                "{\"messageId\":\"" + UUID.randomUUID() + "\",\"rating\":\"SATISFIED\",\"comment\":\"quick\"}");
        assertThat(rated.status()).as("%s", rated).isBetween(200, 299);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Platform.Reply kase = get("secretary", "/api/dispatch/cases/" + caseId);
            assertThat(kase.json().path("state").asString()).as("%s", kase).isEqualTo("CLOSED");
            assertThat(kase.json().path("satisfaction").asString()).isEqualTo("SATISFIED");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Platform.Reply ticket = get("secretary", "/api/intake/v1/tickets/" + ticketId);
            assertThat(ticket.json().path("status").asString()).as("%s", ticket).isEqualTo("CLOSED");
        });
    }

}
