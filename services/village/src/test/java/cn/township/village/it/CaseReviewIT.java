package cn.township.village.it;

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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
        CaseHandedDown handedDown = new CaseHandedDown(caseId, List.of("t-" + caseId), village, "homestead",
                "complaint found untrue", "elders visit the complainant", "Zhang", "138****0000", false, "dispatcher",
                Instant.now());
        wire.publish(handedDown, caseId);
        wire.publish(handedDown, caseId); // redelivered with a new ce_id: still one council, one review
        await().atMost(WAIT).until(() -> api.get(Api.cadre(village), "/api/village/councils/council-"
                + caseId).status() == 200 && api.get(Api.cadre(village), "/api/village/reviews/review-" + caseId)
                .status() == 200);
        return caseId;
    }

    @Test
    void eldersDecideByMajorityAtQuorumAndTheResultGoesBackToDispatch() {
        api.put(Api.cadre(village), "/api/village/representatives", "{\"villagers\":[\"rep-1\",\"rep-2\"]}");
        String caseId = handDown();
        String council = "/api/village/councils/council-" + caseId + "/opinions";
        assertThat(api.get(Api.cadre(village), "/api/village/councils?status=OPEN").body().size()).isEqualTo(1);

        assertThat(api.post(Api.elder("elder-a", village, "h-ea"), council,
                "{\"opinion\":\"UNREASONABLE\",\"comment\":\"no basis for the claim\"}").status()).isEqualTo(200);
        Api.Reply twice = api.post(Api.elder("elder-a", village, "h-ea"), council,
                "{\"opinion\":\"REASONABLE\",\"comment\":\"again\"}");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.contentType()).startsWith("application/problem+json");
        assertThat(twice.rule()).isEqualTo("one-opinion-per-elder");
        Api.Reply outsider = api.post(Api.elder("elder-x", "other-village", "h-x"), council,
                "{\"opinion\":\"REASONABLE\",\"comment\":\"not mine\"}");
        assertThat(outsider.status()).isEqualTo(403);
        assertThat(outsider.rule()).isEqualTo("village-scope");
        Api.Reply notAnElder = api.post(Api.villager("rep-1", village, "h-r1"), council,
                "{\"opinion\":\"REASONABLE\",\"comment\":\"x\"}");
        assertThat(notAnElder.status()).isEqualTo(403);
        assertThat(notAnElder.rule()).isEqualTo("role");

        api.post(Api.elder("elder-b", village, "h-eb"), council, "{\"opinion\":\"UNREASONABLE\",\"comment\":\"agreed\"}");
        Api.Reply third = api.post(Api.elder("elder-c", village, "h-ec"), council,
                "{\"opinion\":\"PARTLY_REASONABLE\",\"comment\":\"the drain is real\"}");
        assertThat(third.body().path("status").asString()).isEqualTo("CONCLUDED");
        assertThat(third.body().path("decision").asString()).isEqualTo("UNREASONABLE");
        assertThat(api.post(Api.elder("elder-d", village, "h-ed"), council,
                "{\"opinion\":\"REASONABLE\",\"comment\":\"late\"}").rule()).isEqualTo("council-closed");

        ConsumerRecord<String, byte[]> published = await().atMost(WAIT)
                .until(() -> wire.find(CONCLUDED, caseId), java.util.Optional::isPresent).orElseThrow();
        EventSchemas.assertValid(CONCLUDED, published.value());
        ElderReviewConcluded event = EventJson.read(published.value(), ElderReviewConcluded.class);
        assertThat(event.decision()).isEqualTo(ElderOpinion.UNREASONABLE);
        assertThat(event.elders()).containsExactly("elder-a", "elder-b", "elder-c");
        assertThat(published.key()).isEqualTo(caseId);

        // the elders who served earn ELDER_COUNCIL points, once each
        for (String household : List.of("h-ea", "h-eb", "h-ec")) {
            await().atMost(WAIT).until(() -> api.get(Api.cadre(village),
                    "/api/village/points/accounts/" + household).body().path("balance").asInt() == 10);
        }
        assertThat(wire.count(CONCLUDED, caseId)).isEqualTo(1);

        // mediation reached an agreement on the case meanwhile: the review reports the complainant converted
        wire.publish(new AgreementReached("file-" + caseId, caseId, village, List.of("apology"),
                List.of(new Party(PartyRole.COMPLAINANT, "Zhang", null, null)), List.of(), 1, Instant.now()), caseId);
        await().atMost(WAIT).until(() -> api.get(Api.cadre(village), "/api/village/reviews/review-" + caseId).body()
                .path("converted").asBoolean());

        // villagers' review: only representatives, closes when both answered
        String review = "/api/village/reviews/review-" + caseId + "/responses";
        assertThat(api.post(Api.villager("not-a-rep", village, "h-n"), review, "{\"rating\":1,\"comment\":\"x\"}").rule())
                .isEqualTo("representatives-only");
        api.post(Api.villager("rep-1", village, "h-r1"), review, "{\"rating\":4,\"comment\":\"patient work\"}");
        Api.Reply last = api.post(Api.villager("rep-2", village, "h-r2"), review, "{\"rating\":5,\"comment\":\"fair\"}");
        assertThat(last.body().path("status").asString()).isEqualTo("CONCLUDED");
        ConsumerRecord<String, byte[]> reviewed = await().atMost(WAIT)
                .until(() -> wire.find(REVIEWED, caseId), java.util.Optional::isPresent).orElseThrow();
        EventSchemas.assertValid(REVIEWED, reviewed.value());
        VillagerReviewConcluded result = EventJson.read(reviewed.value(), VillagerReviewConcluded.class);
        assertThat(result.averageRating()).isEqualTo(4.5);
        assertThat(result.responses()).isEqualTo(2);
        assertThat(result.village()).isEqualTo(village);
        assertThat(result.converted()).isTrue();
    }

    @Test
    void atTheDeadlineAnUnderstaffedCouncilLapsesAndTheReviewClosesWithWhatCame() {
        String caseId = handDown();
        api.post(Api.elder("elder-a", village, "h-ea"), "/api/village/councils/council-" + caseId + "/opinions",
                "{\"opinion\":\"UNREASONABLE\",\"comment\":\"alone\"}");
        api.post(Api.villager("anyone", village, "h-1"), "/api/village/reviews/review-" + caseId + "/responses",
                "{\"rating\":3,\"comment\":\"ok\"}");

        clock.advance(Duration.ofDays(8));
        Api.Reply late = api.post(Api.elder("elder-b", village, "h-eb"),
                "/api/village/councils/council-" + caseId + "/opinions", "{\"opinion\":\"REASONABLE\",\"comment\":\"late\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.rule()).isEqualTo("deadline-passed");

        sweeper.sweep();
        assertThat(api.get(Api.elder("elder-a", village, "h-ea"), "/api/village/councils/council-" + caseId).body()
                .path("status").asString()).isEqualTo("LAPSED");
        ConsumerRecord<String, byte[]> reviewed = await().atMost(WAIT)
                .until(() -> wire.find(REVIEWED, caseId), java.util.Optional::isPresent).orElseThrow();
        assertThat(EventJson.read(reviewed.value(), VillagerReviewConcluded.class).responses()).isEqualTo(1);
        assertThat(wire.find(CONCLUDED, caseId)).isEmpty();
    }
}
