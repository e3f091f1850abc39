package cn.township.village.it;

import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.contracts.village.PointsAwarded;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Civility points: automatic awards once per source event, the floor, statements, the leaderboard. */
class PointsIT extends VillageItSupport {

    private AgreementReached agreement(String caseId, List<String> partyHouseholds, String teamHousehold) {
        return new AgreementReached("file-" + caseId, caseId, village, List.of("apologise", "repair the wall"),
                partyHouseholds.stream().map(h -> new Party(PartyRole.COMPLAINANT, "party " + h, null, h)).toList(),
                List.of(new Participant("m-1", "Li (legal adviser)", List.of("legal-adviser"), teamHousehold),
                        new Participant("m-2", "Officer Wu", List.of("police"), null)),
                2, Instant.now());
    }

    private int balance(String household) {
        return api.get(Api.cadre(village), "/api/village/points/accounts/" + household).body().path("balance").asInt();
    }

    @Test
    void anAgreementDeliveredTwiceAwardsItsHouseholdsOnce() {
        String caseId = "case-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        AgreementReached reached = agreement(caseId, List.of("h-p1", "h-p2"), "h-t1");
        wire.publish(reached, caseId, ceId);
        wire.publish(reached, caseId, ceId); // the same event again
        // a later event on the same key (same partition): once it is applied, both copies above have been seen
        wire.publish(agreement(caseId, List.of("h-marker"), null), caseId);
        await().atMost(WAIT).until(() -> balance("h-marker") == 5);

        assertThat(balance("h-p1")).isEqualTo(5);
        assertThat(balance("h-p2")).isEqualTo(5);
        assertThat(balance("h-t1")).isEqualTo(5);
        var entries = api.get(Api.cadre(village), "/api/village/points/accounts/h-p1/entries").body();
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get(0).path("code").asString()).isEqualTo("MEDIATION_AGREEMENT");
        assertThat(entries.get(0).path("sourceEventId").asString()).isEqualTo(ceId);

        ConsumerRecord<String, byte[]> awarded = await().atMost(WAIT)
                .until(() -> wire.find("village.village.PointsAwarded.v1", "h-t1"), java.util.Optional::isPresent)
                .orElseThrow();
        EventSchemas.assertValid("village.village.PointsAwarded.v1", awarded.value());
        PointsAwarded event = EventJson.read(awarded.value(), PointsAwarded.class);
        assertThat(event.ruleCode()).isEqualTo("MEDIATION_TEAM");
        assertThat(event.balance()).isEqualTo(5);
    }

    @Test
    void aRedemptionPastTheFloorIsRefusedAndWritesNothing() {
        var cadre = Api.cadre(village);
        var owner = Api.villager("wang", village, "h-1");
        assertThat(api.post(cadre, "/api/village/points/awards",
                "{\"household\":\"h-1\",\"ruleCode\":\"VOLUNTEER\",\"reason\":\"night patrol\",\"evidence\":\"photo-1\"}")
                .status()).isEqualTo(201);

        Api.Reply refused = api.post(owner, "/api/village/points/redemptions", "{\"itemCode\":\"SOAP\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.rule()).isEqualTo("balance-floor");
        assertThat(balance("h-1")).isEqualTo(5);
        assertThat(api.get(owner, "/api/village/points/accounts/h-1/entries").body().size()).isEqualTo(1);

        Api.Reply deduction = api.post(cadre, "/api/village/points/deductions",
                "{\"household\":\"h-1\",\"ruleCode\":\"ILLEGAL_BUILDING\",\"reason\":\"shed on the lane\"}");
        assertThat(deduction.status()).isEqualTo(409);
        assertThat(deduction.rule()).isEqualTo("balance-floor");

        api.post(cadre, "/api/village/points/awards",
                "{\"household\":\"h-1\",\"ruleCode\":\"GOOD_DEED\",\"reason\":\"returned a lost wallet\"}");
        Map<String, String> key = Map.of("Idempotency-Key", "redeem-" + UUID.randomUUID());
        Api.Reply redeemed = api.send(owner, "POST", "/api/village/points/redemptions", "{\"itemCode\":\"SOAP\"}", key);
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.body().path("balance").asInt()).isEqualTo(5);
        Api.Reply repeated = api.send(owner, "POST", "/api/village/points/redemptions", "{\"itemCode\":\"SOAP\"}", key);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().path("entryId").asString()).isEqualTo(redeemed.body().path("entryId").asString());
        assertThat(balance("h-1")).isEqualTo(5);

        String month = YearMonth.from(clock.instant().atZone(ZoneId.of("Asia/Shanghai"))).toString();
        var statement = api.get(owner, "/api/village/points/accounts/h-1/statements/" + month).body();
        assertThat(statement.path("opening").asInt()).isZero();
        assertThat(statement.path("awarded").asInt()).isEqualTo(15);
        assertThat(statement.path("redeemed").asInt()).isEqualTo(10);
        assertThat(statement.path("closing").asInt()).isEqualTo(5);
        assertThat(statement.path("entries").size()).isEqualTo(3);
    }

    @Test
    void scopeAndInputRulesAnswerWithProblemsNamingTheRule() {
        var cadre = Api.cadre(village);
        Api.Reply othersPoints = api.post(Api.villager("wang", village, "h-1"), "/api/village/points/redemptions",
                "{\"household\":\"h-2\",\"itemCode\":\"SOAP\"}");
        assertThat(othersPoints.status()).isEqualTo(403);
        assertThat(othersPoints.rule()).isEqualTo("own-household");
        assertThat(api.get(Api.villager("wang", village, "h-1"), "/api/village/points/accounts/h-2").rule())
                .isEqualTo("own-household");
        Api.Reply villagerAwards = api.post(Api.villager("wang", village, "h-1"), "/api/village/points/awards",
                "{\"household\":\"h-1\",\"ruleCode\":\"VOLUNTEER\",\"reason\":\"self-award\"}");
        assertThat(villagerAwards.status()).isEqualTo(403);
        assertThat(villagerAwards.rule()).isEqualTo("role");
        Api.Reply automatic = api.post(cadre, "/api/village/points/awards",
                "{\"household\":\"h-1\",\"ruleCode\":\"ELDER_COUNCIL\",\"reason\":\"by hand\"}");
        assertThat(automatic.status()).isEqualTo(422);
        assertThat(automatic.rule()).isEqualTo("points-rule");
        Api.Reply missing = api.post(cadre, "/api/village/points/awards", "{\"ruleCode\":\"VOLUNTEER\",\"reason\":\"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.raw()).contains("household");
        Api.Reply malformed = api.post(cadre, "/api/village/points/awards", "{\"household\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Api.Reply wrongType = api.send(cadre, "POST", "/api/village/points/awards", "household=h-1",
                Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).isEqualTo(415);
        Api.Reply anonymous = api.get(null, "/api/village/points/leaderboard");
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(api.get(cadre, "/api/village/points/accounts/h-1/statements/May-2026").rule()).isEqualTo("month");
    }

    @Test
    void theLeaderboardRanksTheVillagesHouseholdsOnly() {
        var cadre = Api.cadre(village);
        api.post(cadre, "/api/village/points/awards", "{\"household\":\"h-a\",\"ruleCode\":\"GOOD_DEED\",\"reason\":\"x\"}");
        api.post(cadre, "/api/village/points/awards", "{\"household\":\"h-b\",\"ruleCode\":\"VOLUNTEER\",\"reason\":\"x\"}");
        api.post(cadre, "/api/village/points/awards", "{\"household\":\"h-c\",\"ruleCode\":\"GOOD_DEED\",\"reason\":\"x\"}");
        api.post(Api.cadre("elsewhere-" + village), "/api/village/points/awards",
                "{\"household\":\"h-z\",\"ruleCode\":\"GOOD_DEED\",\"reason\":\"x\"}");

        var board = api.get(Api.villager("wang", village, "h-b"), "/api/village/points/leaderboard?limit=10").body();
        assertThat(board.size()).isEqualTo(3);
        assertThat(board.get(0).path("household").asString()).isEqualTo("h-a");
        assertThat(board.get(1).path("household").asString()).isEqualTo("h-c");
        assertThat(board.get(1).path("rank").asInt()).isEqualTo(1);
        assertThat(board.get(2).path("household").asString()).isEqualTo("h-b");
        assertThat(board.get(2).path("rank").asInt()).isEqualTo(3);
    }
}
