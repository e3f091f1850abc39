package cn.township.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
 * Flow 3, through the gateway, on the platform's test clock: an unreasonable complaint is handed down (下交) to
 * 南岔村 → the elders' council (三老合议) finds it unreasonable → the villagers' review (群评) → three round-table
 * rounds (圆桌会议) end in an agreement → the case is resolved as converted and closed after the city's
 * call-back → the elders and the parties get their civility points (文明积分) once each.
 */
class HandDownToAgreementIT {

    static final List<String> ELDERS = List.of("elder-nancha-1", "elder-nancha-2", "elder-nancha-3");
    static final List<String> TEAM = List.of("adviser-zhang", "elder-nancha-1", "cadre-nancha");
    static final String RESPONDENT = "李四";
    static final String RESPONDENT_HOUSEHOLD = "nancha-0002";

    @Test
    void aHandedDownComplaintEndsInAnAgreementTheCaseClosesAndPointsAreAwardedOnce() {
        // the villagers' review asks the village's representatives (here: the demo villager)
        ok(Platform.send("cadre-nancha", "PUT", "/api/village/representatives", "{\"villagers\":[\"villager-nancha\"]}"));
        Fixtures.HandedDown handed = Fixtures.handedDownCase(false);
        String caseId = handed.caseId();
        String path = "/api/dispatch/cases/" + caseId;

        for (String elder : ELDERS) {
            ok(post(elder, "/api/village/councils/" + handed.councilId() + "/opinions",
                    "{\"opinion\":\"UNREASONABLE\",\"comment\":\"the 2019 survey settles the boundary\"}"));
        }
        assertThat(get("cadre-nancha", "/api/village/councils/" + handed.councilId()).json().path("status").asString())
                .isEqualTo("CONCLUDED");
        ok(post("villager-nancha", "/api/village/reviews/review-" + caseId + "/responses",
                "{\"rating\":4,\"comment\":\"handled patiently\"}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode handDown = get("secretary", path).json().path("handDown");
            assertThat(handDown.path("elderDecision").asString()).as("%s", handDown).isEqualTo("UNREASONABLE");
        });

        String file = "/api/mediation/files/" + handed.fileId();
        ok(post("mediator", file + "/parties", """
                {"role":"RESPONDENT","name":"%s","household":"%s"}""".formatted(RESPONDENT, RESPONDENT_HOUSEHOLD)));
        List<String> parties = List.of(handed.name(), RESPONDENT);

        round(handed.fileId(), parties, """
                {"outcome":"ADJOURNED","attendees":%s,"partiesPresent":%s,"minutes":"both sides heard; tempers high"}""");
        round(handed.fileId(), parties, """
                {"outcome":"ADJOURNED","attendees":%s,"partiesPresent":%s,"minutes":"drain route agreed in principle"}""");
        JsonNode agreed = round(handed.fileId(), parties, """
                {"outcome":"AGREEMENT","attendees":%s,"partiesPresent":%s,"minutes":"agreement read out and signed",
                 "agreement":{"terms":["the drain moves 1 m east before June","both keep the access path clear"],
                              "acknowledgements":[{"party":"%s","method":"signature"},{"party":"%s","method":"signature"}]}}"""
                .formatted("%s", "%s", handed.name(), RESPONDENT));
        assertThat(agreed.path("status").asString()).isEqualTo("AGREED");
        assertThat(agreed.path("rounds").size()).isEqualTo(3);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode kase = get("secretary", path).json();
            assertThat(kase.path("state").asString()).as("%s", kase).isEqualTo("RESOLVED");
            assertThat(kase.path("converted").asBoolean()).as("conversion recorded").isTrue();
            assertThat(kase.path("handDown").path("mediation").asString()).isEqualTo("AGREEMENT_REACHED");
        });
        ok(post("service-account-hotline", "/api/intake/v1/tickets/" + handed.ticketId() + "/satisfaction",
                "{\"messageId\":\"" + UUID.randomUUID() + "\",\"rating\":\"BASICALLY_SATISFIED\"}"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode kase = get("secretary", path).json();
            assertThat(kase.path("state").asString()).as("%s", kase).isEqualTo("CLOSED");
            assertThat(kase.path("outcome").asString()).isEqualTo("HANDED_DOWN");
        });

        // points: each elder of the council once; the respondent's household once for the agreement
        String council = "for case " + caseId;
        String agreement = "mediation " + handed.fileId();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(entries("elder-nancha-1", "nancha-0011", council)).as("elder-nancha-1's own account").hasSize(1);
            assertThat(entries("cadre-nancha", RESPONDENT_HOUSEHOLD, agreement)).hasSize(1);
        });
        assertThat(entries("elder-nancha-2", "nancha-0012", council)).hasSize(1);
        assertThat(entries("elder-nancha-3", "nancha-0013", council)).hasSize(1);
        // and the elder on the round-table team once more, for the agreement, on the household the roster names
        String teamHousehold = get("mediator", "/api/mediation/members/elder-nancha-1").json().path("household").asString();
        assertThat(entries("cadre-nancha", teamHousehold, agreement)).hasSize(1);
    }

    /** One round: the earliest slot a day ahead on the platform's clock, booked, the clock past it, the outcome. */
    private static JsonNode round(String fileId, List<String> parties, String outcomeTemplate) {
        Platform.Reply slots = post("mediator", "/api/mediation/slots", """
                {"fileId":"%s","memberIds":%s,"durationMinutes":90,"from":"%s","options":1}"""
                .formatted(fileId, json(TEAM), Platform.now().plus(Duration.ofDays(1))));
        ok(slots);
        JsonNode slot = slots.json().get(0);
        Platform.Reply booked = post("mediator", "/api/mediation/sessions", """
                {"fileId":"%s","startsAt":"%s","endsAt":"%s","room":"%s","memberIds":%s}""".formatted(fileId,
                slot.path("start").asString(), slot.path("end").asString(), slot.path("room").asString(), json(TEAM)));
        assertThat(booked.status()).as("%s", booked).isEqualTo(201);
        String session = booked.json().path("id").asString();
        Instant end = Instant.parse(slot.path("end").asString());
        Platform.advanceClock(Duration.between(Platform.now(), end).plusMinutes(30));
        String body = outcomeTemplate.formatted(json(TEAM), json(parties));
        // the services notice the moved clock within 100 ms: until then the session has not started
        Platform.Reply[] recorded = new Platform.Reply[1];
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            recorded[0] = post("mediator", "/api/mediation/sessions/" + session + "/outcome", body);
            assertThat(recorded[0].status()).as("%s", recorded[0]).isEqualTo(200);
        });
        return recorded[0].json();
    }

    private static List<JsonNode> entries(String user, String household, String reasonPart) {
        Platform.Reply reply = get(user, "/api/village/points/accounts/" + household + "/entries?limit=500");
        assertThat(reply.status()).as("%s", reply).isEqualTo(200);
        return reply.json().valueStream().filter(e -> e.path("reason").asString().contains(reasonPart)).toList();
    }

    private static String json(List<String> values) {
        return values.stream().map(v -> "\"" + v + "\"").collect(java.util.stream.Collectors.joining(",", "[", "]"));
    }
}
