package cn.township.dispatch.it;

import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.dispatch.CaseOutcome;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.intake.Satisfaction;
import cn.township.contracts.intake.SatisfactionReported;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.village.ElderOpinion;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.contracts.village.VillagerReviewConcluded;
import cn.township.contracts.EventSamples;
import cn.township.infra.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A handed-down case waits for the elders, the villagers and mediation, consuming each outcome once. */
@ServiceIntegrationTest
// every dispatch context reads every ticket on the shared broker: close this one when the class is done, so
// it cannot open (and time out) the next class's cases and publish events about them
@DirtiesContext
@TestPropertySource(properties = "township.dispatch.consumer-group=dispatch-it-${random.uuid}")
class HandDownIT {

    static final Map<String, String> SECRETARY = Api.as(Users.SECRETARY);
    static final Map<String, String> DEPT = Api.as(Users.CONSTRUCTION);
    static final Wire WIRE = new Wire();

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Users.realm(registry);
    }

    @Value("${local.server.port}")
    int port;

    @AfterAll
    static void closeWire() {
        WIRE.close();
    }

    @Test
    void aHandedDownCaseResolvesWhenEldersVillagersAndMediationHaveConcluded() {
        Api api = new Api(port);
        String ticketId = Tickets.newId();
        String caseId = "C-" + ticketId;
        WIRE.publish(Tickets.general(ticketId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY).status() == 200);
        String path = "/api/dispatch/cases/" + caseId;
        assertThat(api.post(path + "/sign-off", "{\"responsibleVillage\":\"nancha\"}", SECRETARY).status()).isEqualTo(200);
        assertThat(api.post(path + "/accept", "", DEPT).status()).isEqualTo(200);
        assertThat(api.post(path + "/contact", "", DEPT).status()).isEqualTo(200);
        Api.Reply handed = api.post(path + "/hand-down", """
                {"reason":"the homestead boundary claim is untrue",
                 "plan":["remind the complainant of the 2019 survey","home-visit mediation with two elders",
                         "hand down to the elders' council and villagers' review"]}""", DEPT);
        assertThat(handed.status()).as(handed.toString()).isEqualTo(200);
        assertThat(handed.text("state")).isEqualTo("HANDED_DOWN");
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseHandedDown.class) == 1);
        CaseHandedDown event = WIRE.events(caseId, CaseHandedDown.class).getFirst();
        assertThat(event.village()).isEqualTo("nancha");
        assertThat(event.plan()).startsWith("1. remind").contains("3. hand down");
        assertThat(event.confidential()).isFalse();
        assertThat(event.complainantName()).as("an ordinary complainant goes to the village").isEqualTo(Tickets.NAME);
        assertThat(event.complainantPhoneMasked()).as("masked, never the full number").isEqualTo(Tickets.PHONE_MASKED);

        Instant now = Instant.now();
        var elders = new ElderReviewConcluded("rev-1", caseId, "nancha", ElderOpinion.UNREASONABLE,
                List.of("elder.li", "elder.wang", "elder.zhao"), 3, now);
        String eldersId = WIRE.publish(elders);
        WIRE.publish(elders, eldersId); // redelivered
        WIRE.publish(elders); // republished under a new ce_id
        await().atMost(Duration.ofSeconds(30)).until(() -> "UNREASONABLE".equals(
                api.get(path, SECRETARY).json().path("handDown").path("elderDecision").asString()));
        assertThat(api.get(path, SECRETARY).text("state")).as("still waiting for villagers and mediation")
                .isEqualTo("HANDED_DOWN");

        WIRE.publish(new VillagerReviewConcluded("vr-1", caseId, "nancha", 4.2, 37, false, now));
        var agreement = new AgreementReached("file-1", caseId, "nancha", List.of("boundary per 2019 survey"),
                List.of(EventSamples.full(Party.class)), List.of(EventSamples.full(Participant.class)), 2, now);
        WIRE.publish(agreement);
        WIRE.publish(agreement);
        await().atMost(Duration.ofSeconds(30)).until(() -> "RESOLVED".equals(api.get(path, SECRETARY).text("state")));
        Api.Reply resolved = api.get(path, SECRETARY);
        assertThat(resolved.json().path("converted").asBoolean()).isTrue();
        assertThat(resolved.json().path("handDown").path("mediation").asString()).isEqualTo("AGREEMENT_REACHED");
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseResolved.class) == 1);
        assertThat(WIRE.events(caseId, CaseResolved.class).getFirst().converted()).isTrue();

        WIRE.publish(new SatisfactionReported(ticketId, "sat-9", Satisfaction.BASICALLY_SATISFIED, null, now));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseClosed.class) == 1);
        CaseClosed closed = WIRE.events(caseId, CaseClosed.class).getFirst();
        assertThat(closed.outcome()).isEqualTo(CaseOutcome.HANDED_DOWN);
        assertThat(closed.converted()).isTrue();
        assertThat(WIRE.count(caseId, CaseResolved.class)).isEqualTo(1);
        List<String> actions = api.get(path + "/timeline", SECRETARY).json().valueStream()
                .map(n -> n.path("action").asString()).toList();
        assertThat(actions).containsOnlyOnce("ELDERS_CONCLUDED", "VILLAGERS_CONCLUDED", "AGREEMENT_REACHED");
    }

    @Test
    void anUnsatisfiedCallBackReopensAndAnEscalatedCaseClosesAsEscalated() {
        Api api = new Api(port);
        String ticketId = Tickets.newId();
        String caseId = "C-" + ticketId;
        String path = "/api/dispatch/cases/" + caseId;
        WIRE.publish(Tickets.general(ticketId, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get(path, SECRETARY).status() == 200);
        api.post(path + "/sign-off", "{}", SECRETARY);
        api.post(path + "/accept", "", DEPT);
        api.post(path + "/contact", "", DEPT);
        assertThat(api.post(path + "/resolve", "{\"resolution\":\"talked it through\"}", DEPT).status()).isEqualTo(200);
        WIRE.publish(new SatisfactionReported(ticketId, "s-1", Satisfaction.UNSATISFIED, "nothing changed", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "REOPENED".equals(api.get(path, SECRETARY).text("state")));
        assertThat(api.get(path, SECRETARY).json().path("reopens").asInt()).isEqualTo(1);
        Api.Reply up = api.post(path + "/escalate-up", "{\"reason\":\"needs the district planning bureau\"}", SECRETARY);
        assertThat(up.status()).isEqualTo(200);
        assertThat(up.text("state")).isEqualTo("ESCALATED_UP");
        assertThat(api.post(path + "/resolve", "{\"resolution\":\"district ruled\"}", SECRETARY).status()).isEqualTo(200);
        WIRE.publish(new SatisfactionReported(ticketId, "s-2", Satisfaction.SATISFIED, null, Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseClosed.class) == 1);
        assertThat(WIRE.events(caseId, CaseClosed.class).getFirst().outcome()).isEqualTo(CaseOutcome.ESCALATED_UP);
    }
}
