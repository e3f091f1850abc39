package cn.township.intake.feedback;

import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.CaseEvents;
import cn.township.intake.support.FakeCity;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import cn.township.intake.support.TicketPushes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** 办结反馈: results reach the city's endpoint through failures, once per key, and failures stay visible. */
@ServiceIntegrationTest
@TestPropertySource(properties = {
        "township.intake.feedback.max-attempts=4",
        "township.intake.feedback.first-backoff=100ms",
        "township.intake.feedback.poll-interval=50ms",
        "township.intake.feedback.timeout=5s"})
class CityFeedbackIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    private static final FakeCity CITY = new FakeCity(2);
    private static final CaseEvents DISPATCH = new CaseEvents();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void city(DynamicPropertyRegistry registry) {
        registry.add("township.intake.feedback.url", CITY::url);
    }

    @AfterAll
    static void close() {
        CITY.close();
        DISPATCH.close();
    }

    private String push(String ticketNo) {
        Http.Reply r = Http.to(port).asHotline().postJson("/api/intake/v1/tickets",
                TicketPushes.json(TicketPushes.valid(ticketNo)));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("ticketId").asString();
    }

    private List<FakeCity.Received> receivedFor(String ticketNo) {
        return CITY.received().stream().filter(r -> r.body().contains(ticketNo)).toList();
    }

    @Test
    void aResolvedCaseReachesTheCityAfterTwoFailuresWithOneIdempotencyKey() {
        String ticketNo = TicketPushes.newTicketNo();
        String ticketId = push(ticketNo);
        String caseId = "C-" + ticketId;
        DISPATCH.publish(new CaseOpened(caseId, List.of(ticketId), "HOTLINE_12345", "drainage", "nancha",
                "construction", "URGENT", false, Instant.now()));
        String eventId = DISPATCH.publish(new CaseResolved(caseId, List.of(ticketId), "已疏通排水沟，积水排除", true,
                "liu", Instant.parse("2026-05-03T10:00:00Z")));
        // the same event delivered again (a redelivery) must not send a second result
        DISPATCH.publish(new CaseResolved(caseId, List.of(ticketId), "已疏通排水沟，积水排除", true, "liu",
                Instant.parse("2026-05-03T10:00:00Z")), eventId);

        List<FakeCity.Received> calls = await().atMost(Duration.ofSeconds(30))
                .until(() -> receivedFor(ticketNo), l -> l.stream().anyMatch(r -> r.answered() == 200));
        assertThat(calls).extracting(FakeCity.Received::answered).containsExactly(503, 503, 200);
        assertThat(calls).extracting(FakeCity.Received::idempotencyKey).containsOnly(eventId + ":" + ticketId);
        assertThat(calls.getLast().contentType()).startsWith("application/json");
        assertThat(calls.getLast().body()).contains("\"result\":\"RESOLVED\"").contains("已疏通排水沟");

        Http dispatcher = Http.to(port).as("dispatcher");
        JsonNode log = await().atMost(Duration.ofSeconds(10)).until(() -> dispatcher
                .get("/api/intake/v1/feedback-deliveries?ticketId=" + ticketId).json(),
                l -> l.size() == 1 && "DELIVERED".equals(l.get(0).get("status").asString()));
        assertThat(log.get(0).get("attempts")).hasSize(3);
        assertThat(log.get(0).get("attempts").get(0).get("httpStatus").asInt()).isEqualTo(503);
        assertThat(dispatcher.get("/api/intake/v1/tickets/" + ticketId).json().get("status").asString())
                .isEqualTo("RESOLVED");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .until(() -> receivedFor(ticketNo).size() == 3);
    }

    @Test
    void afterTheLastRetryTheFailureIsVisible() {
        String ticketNo = "ALWAYS-FAIL-" + TicketPushes.newTicketNo();
        String ticketId = push(ticketNo);
        DISPATCH.publish(new CaseEscalatedUp("C-" + ticketId, List.of(ticketId), "涉及区级审批", "secretary",
                Instant.now()));

        Http dispatcher = Http.to(port).as("dispatcher");
        JsonNode failed = await().atMost(Duration.ofSeconds(30)).until(() -> dispatcher
                .get("/api/intake/v1/feedback-deliveries?status=FAILED&ticketId=" + ticketId).json(), l -> l.size() == 1);
        assertThat(failed.get(0).get("attemptCount").asInt()).isEqualTo(4);
        assertThat(failed.get(0).get("result").asString()).isEqualTo("ESCALATED_UP");
        assertThat(receivedFor(ticketNo)).hasSize(4);
        JsonNode health = Http.to(port).get("/actuator/health").json();
        assertThat(health.get("components").get("cityFeedback").get("details").get("failedDeliveries").asLong())
                .isGreaterThanOrEqualTo(1);
        assertThat(Http.to(port).as("villager-nancha").get("/api/intake/v1/feedback-deliveries").status()).isEqualTo(403);
    }
}
