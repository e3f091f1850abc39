package cn.township.village.it;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.contracts.village.ElderOpinion;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.contracts.village.VillagerReviewConcluded;
import cn.township.village.deadline.DeadlineSweeper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cn.township.village.it.Api.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A handed-down case gets an elders' decision and a villagers' review, both published back to dispatch. */
class CaseReviewIT extends VillageItSupport {

    private static final String CONCLUDED = "village.village.ElderReviewConcluded.v1";
    private static final String REVIEWED = "village.village.VillagerReviewConcluded.v1";

    @Autowired
    DeadlineSweeper sweeper;

    private String handDown() {
        String caseId = "case-" + UUID.randomUUID();
        CaseHandedDown handedDown = new CaseHandedDown(caseId, List.of("t-" + caseId), NANCHA, "homestead",
                "complaint found untrue", "elders visit the complainant", "Zhang", "138****0000", false, "dispatcher",
                Instant.now());
        wire.publish(handedDown, caseId);
        wire.publish(handedDown, caseId); // redelivered with a new ce_id: still one council, one review
        await().atMost(WAIT).until(() -> api.get(CADRE_NANCHA, "/api/village/councils/council-" + caseId).status() == 200
                && api.get(CADRE_NANCHA, "/api/village/reviews/review-" + caseId).status() == 200);
        return caseId;
    }

    /** The register of representatives that reviews opened from now on take. */
    private void representatives(String json) {
        assertThat(api.put(CADRE_NANCHA, "/api/village/representatives", json).status()).isEqualTo(200);
    }

    private static String opinion(String opinion, String comment) {
        return "{\"opinion\":\"" + opinion + "\",\"comment\":\"" + comment + "\"}";
    }

    @Test
    void eldersDecideByMajorityAtQuorumAndTheResultGoesBackToDispatch() {
        representatives("{\"villagers\":[\"villager-nancha\"]}");
        String caseId = handDown();
        String council = "/api/village/councils/council-" + caseId + "/opinions";
        assertThat(api.get(CADRE_NANCHA, "/api/village/councils?status=OPEN").body().findValuesAsString("id"))
                .contains("council-" + caseId);
        assertThat(api.get(CADRE_BEITUMEN, "/api/village/councils").body().findValuesAsString("caseId"))
                .doesNotContain(caseId);

        assertThat(api.post(ELDER_NANCHA_1, council, opinion("UNREASONABLE", "no basis for the claim")).status())
                .isEqualTo(200);
        Api.Reply twice = api.post(ELDER_NANCHA_1, council, opinion("REASONABLE", "again"));
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.rule()).isEqualTo("one-opinion-per-elder");
        Api.Reply outsider = api.post(ELDER_BEITUMEN, council, opinion("REASONABLE", "not mine"));
        assertThat(outsider.status()).isEqualTo(404); // another village's council does not exist for beitumen
        assertThat(outsider.contentType()).startsWith("application/problem+json");
        assertThat(outsider.rule()).isEqualTo("exists");
        Api.Reply notAnElder = api.post(VILLAGER_NANCHA, council, opinion("REASONABLE", "x"));
        assertThat(notAnElder.status()).isEqualTo(403);
        assertThat(notAnElder.rule()).isEqualTo("role");

        api.post(ELDER_NANCHA_2, council, opinion("UNREASONABLE", "agreed"));
        Api.Reply third = api.post(ELDER_NANCHA_3, council, opinion("PARTLY_REASONABLE", "the drain is real"));
        assertThat(third.body().path("status").asString()).isEqualTo("CONCLUDED");
        assertThat(third.body().path("decision").asString()).isEqualTo("UNREASONABLE");
        assertThat(api.post(ELDER_NANCHA_1, council, opinion("REASONABLE", "late")).rule()).isEqualTo("council-closed");

        ConsumerRecord<String, byte[]> published = await().atMost(WAIT)
                .until(() -> wire.find(CONCLUDED, caseId), java.util.Optional::isPresent).orElseThrow();
        EventSchemas.assertValid(CONCLUDED, published.value());
        ElderReviewConcluded event = EventJson.read(published.value(), ElderReviewConcluded.class);
        assertThat(event.decision()).isEqualTo(ElderOpinion.UNREASONABLE);
        assertThat(event.elders()).containsExactly("elder-nancha-1", "elder-nancha-2", "elder-nancha-3");
        assertThat(published.key()).isEqualTo(caseId);
        assertThat(wire.count(CONCLUDED, caseId)).isEqualTo(1);

        // read back from the topic, the event earns the elders' households their points (elder-nancha-1: nancha-0011)
        String conclusion = new String(published.headers().lastHeader(CloudEventHeaders.ID).value(),
                StandardCharsets.UTF_8);
        var awarded = await().atMost(WAIT).until(() -> api.get(CADRE_NANCHA,
                        "/api/village/points/accounts/nancha-0011/entries").body().findParents("sourceEventId").stream()
                .filter(e -> conclusion.equals(e.path("sourceEventId").asString())).toList(), l -> !l.isEmpty());
        assertThat(awarded).singleElement().satisfies(e -> {
            assertThat(e.path("code").asString()).isEqualTo("ELDER_COUNCIL");
            assertThat(e.path("points").asInt()).isEqualTo(10);
        });

        // mediation reached an agreement on the case meanwhile: the review reports the complainant converted
        wire.publish(new AgreementReached("file-" + caseId, caseId, NANCHA, List.of("apology"),
                List.of(new Party(PartyRole.COMPLAINANT, "Zhang", null, null)), List.of(), 1, Instant.now()), caseId);
        await().atMost(WAIT).until(() -> api.get(CADRE_NANCHA, "/api/village/reviews/review-" + caseId).body()
                .path("converted").asBoolean());

        // villagers' review: only the representatives (here the one demo villager of nancha); closes when all answered
        String review = "/api/village/reviews/review-" + caseId + "/responses";
        Api.Reply otherVillage = api.post(VILLAGER_BEITUMEN, review, "{\"rating\":1,\"comment\":\"x\"}");
        assertThat(otherVillage.status()).isEqualTo(404);
        Api.Reply last = api.post(VILLAGER_NANCHA, review, "{\"rating\":4,\"comment\":\"patient work\"}");
        assertThat(last.body().path("status").asString()).isEqualTo("CONCLUDED");
        ConsumerRecord<String, byte[]> reviewed = await().atMost(WAIT)
                .until(() -> wire.find(REVIEWED, caseId), java.util.Optional::isPresent).orElseThrow();
        EventSchemas.assertValid(REVIEWED, reviewed.value());
        VillagerReviewConcluded result = EventJson.read(reviewed.value(), VillagerReviewConcluded.class);
        assertThat(result.averageRating()).isEqualTo(4.0);
        assertThat(result.responses()).isEqualTo(1);
        assertThat(result.village()).isEqualTo(NANCHA);
        assertThat(result.converted()).isTrue();
    }

    @Test
    void aVillagerWhoIsNotARepresentativeIsRefused() {
        representatives("{\"villagers\":[\"wang-absent\"]}");
        String caseId = handDown();
        Api.Reply refused = api.post(VILLAGER_NANCHA, "/api/village/reviews/review-" + caseId + "/responses",
                "{\"rating\":1,\"comment\":\"x\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.rule()).isEqualTo("representatives-only");
        assertThat(api.get(VILLAGER_NANCHA, "/api/village/representatives").body().path("villagers").get(0).asString())
                .isEqualTo("wang-absent");
        Api.Reply notACadre = api.put(ELDER_NANCHA_1, "/api/village/representatives", "{\"villagers\":[]}");
        assertThat(notACadre.status()).isEqualTo(403);
        assertThat(notACadre.rule()).isEqualTo("role");
    }

    @Test
    void atTheDeadlineAnUnderstaffedCouncilLapsesAndTheReviewClosesWithWhatCame() {
        representatives("{\"villagers\":[]}"); // an empty register: any villager of the village may answer
        String caseId = handDown();
        api.post(ELDER_NANCHA_1, "/api/village/councils/council-" + caseId + "/opinions", opinion("UNREASONABLE", "alone"));
        assertThat(api.post(VILLAGER_NANCHA, "/api/village/reviews/review-" + caseId + "/responses",
                "{\"rating\":3,\"comment\":\"ok\"}").status()).isEqualTo(200);

        clock.advance(Duration.ofDays(8));
        Api.Reply late = api.post(ELDER_NANCHA_2, "/api/village/councils/council-" + caseId + "/opinions",
                opinion("REASONABLE", "late"));
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.rule()).isEqualTo("deadline-passed");

        sweeper.sweep();
        assertThat(api.get(ELDER_NANCHA_1, "/api/village/councils/council-" + caseId).body()
                .path("status").asString()).isEqualTo("LAPSED");
        ConsumerRecord<String, byte[]> reviewed = await().atMost(WAIT)
                .until(() -> wire.find(REVIEWED, caseId), java.util.Optional::isPresent).orElseThrow();
        assertThat(EventJson.read(reviewed.value(), VillagerReviewConcluded.class).responses()).isEqualTo(1);
        assertThat(wire.find(CONCLUDED, caseId)).isEmpty();
    }
}
