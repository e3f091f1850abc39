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

import static cn.township.village.it.Api.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Civility points: automatic awards once per source event, the floor, statements, the leaderboard, who reads
 * which household. Households named here are fresh per test, except the demo villagers' own ones: only
 * {@link #aRedemptionPastTheFloorIsRefusedAndWritesNothing} writes to {@code nancha-0001}, and only
 * {@link #theLeaderboardRanksTheVillagesHouseholdsOnly} writes points in {@code beitumen}.
 */
class PointsIT extends VillageItSupport {

    private static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private AgreementReached agreement(String caseId, List<String> partyHouseholds, String teamHousehold) {
        return new AgreementReached("file-" + caseId, caseId, NANCHA, List.of("apologise", "repair the wall"),
                partyHouseholds.stream().map(h -> new Party(PartyRole.COMPLAINANT, "party " + h, null, h)).toList(),
                List.of(new Participant("m-1", "Li (legal adviser)", List.of("legal-adviser"), teamHousehold),
                        new Participant("m-2", "Officer Wu", List.of("police"), null)),
                2, Instant.now());
    }

    private int balance(String household) {
        return api.get(CADRE_NANCHA, "/api/village/points/accounts/" + household).body().path("balance").asInt();
    }

    private static String award(String household, String rule, String reason) {
        return "{\"household\":\"" + household + "\",\"ruleCode\":\"" + rule + "\",\"reason\":\"" + reason + "\"}";
    }

    @Test
    void anAgreementDeliveredTwiceAwardsItsHouseholdsOnce() {
        String caseId = "case-" + UUID.randomUUID();
        String ceId = UUID.randomUUID().toString();
        String p1 = fresh("h-p1");
        String p2 = fresh("h-p2");
        String t1 = fresh("h-t1");
        String marker = fresh("h-marker");
        AgreementReached reached = agreement(caseId, List.of(p1, p2), t1);
        wire.publish(reached, caseId, ceId);
        wire.publish(reached, caseId, ceId); // the same event again
        // a later event on the same key (same partition): once it is applied, both copies above have been seen
        wire.publish(agreement(caseId, List.of(marker), null), caseId);
        await().atMost(WAIT).until(() -> balance(marker) == 5);

        assertThat(balance(p1)).isEqualTo(5);
        assertThat(balance(p2)).isEqualTo(5);
        assertThat(balance(t1)).isEqualTo(5);
        var entries = api.get(CADRE_NANCHA, "/api/village/points/accounts/" + p1 + "/entries").body();
        assertThat(entries.size()).isEqualTo(1);
        assertThat(entries.get(0).path("code").asString()).isEqualTo("MEDIATION_AGREEMENT");
        assertThat(entries.get(0).path("sourceEventId").asString()).isEqualTo(ceId);

        ConsumerRecord<String, byte[]> awarded = await().atMost(WAIT)
                .until(() -> wire.find("village.village.PointsAwarded.v1", t1), java.util.Optional::isPresent)
                .orElseThrow();
        EventSchemas.assertValid("village.village.PointsAwarded.v1", awarded.value());
        PointsAwarded event = EventJson.read(awarded.value(), PointsAwarded.class);
        assertThat(event.ruleCode()).isEqualTo("MEDIATION_TEAM");
        assertThat(event.balance()).isEqualTo(5);
    }

    @Test
    void aRedemptionPastTheFloorIsRefusedAndWritesNothing() {
        String own = HOUSEHOLD_NANCHA;
        assertThat(api.post(CADRE_NANCHA, "/api/village/points/awards",
                "{\"household\":\"" + own + "\",\"ruleCode\":\"VOLUNTEER\",\"reason\":\"night patrol\",\"evidence\":\"photo-1\"}")
                .status()).isEqualTo(201);

        Api.Reply refused = api.post(VILLAGER_NANCHA, "/api/village/points/redemptions", "{\"itemCode\":\"SOAP\"}");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.rule()).isEqualTo("balance-floor");
        assertThat(balance(own)).isEqualTo(5);
        assertThat(api.get(VILLAGER_NANCHA, "/api/village/points/accounts/" + own).body().path("balance").asInt())
                .isEqualTo(5);
        assertThat(api.get(VILLAGER_NANCHA, "/api/village/points/accounts/" + own + "/entries").body().size())
                .isEqualTo(1);

        Api.Reply deduction = api.post(CADRE_NANCHA, "/api/village/points/deductions",
                award(own, "ILLEGAL_BUILDING", "shed on the lane"));
        assertThat(deduction.status()).isEqualTo(409);
        assertThat(deduction.rule()).isEqualTo("balance-floor");

        api.post(CADRE_NANCHA, "/api/village/points/awards", award(own, "GOOD_DEED", "returned a lost wallet"));
        Map<String, String> key = Map.of("Idempotency-Key", "redeem-" + UUID.randomUUID());
        Api.Reply redeemed = api.send(VILLAGER_NANCHA, "POST", "/api/village/points/redemptions",
                "{\"itemCode\":\"SOAP\"}", key);
        assertThat(redeemed.status()).isEqualTo(201);
        assertThat(redeemed.body().path("balance").asInt()).isEqualTo(5);
        Api.Reply repeated = api.send(VILLAGER_NANCHA, "POST", "/api/village/points/redemptions",
                "{\"itemCode\":\"SOAP\"}", key);
        assertThat(repeated.status()).isEqualTo(200);
        assertThat(repeated.body().path("entryId").asString()).isEqualTo(redeemed.body().path("entryId").asString());
        assertThat(balance(own)).isEqualTo(5);

        String month = YearMonth.from(clock.instant().atZone(ZoneId.of("Asia/Shanghai"))).toString();
        var statement = api.get(VILLAGER_NANCHA, "/api/village/points/accounts/" + own + "/statements/" + month).body();
        assertThat(statement.path("opening").asInt()).isZero();
        assertThat(statement.path("awarded").asInt()).isEqualTo(15);
        assertThat(statement.path("redeemed").asInt()).isEqualTo(10);
        assertThat(statement.path("closing").asInt()).isEqualTo(5);
        assertThat(statement.path("entries").size()).isEqualTo(3);
    }

    @Test
    void aVillagerReadsOnlyTheirHouseholdAndAnotherVillageReadsNothing() {
        String neighbour = fresh("h-neighbour");
        assertThat(api.post(CADRE_NANCHA, "/api/village/points/awards", award(neighbour, "CLEAN_COURTYARD", "tidy"))
                .status()).isEqualTo(201);
        // the village's cadre and elders read any household of the village
        assertThat(api.get(ELDER_NANCHA_2, "/api/village/points/accounts/" + neighbour).body().path("balance").asInt())
                .isEqualTo(3);
        // a villager: their own household only
        for (String path : List.of("", "/entries", "/statements/2026-05")) {
            Api.Reply other = api.get(VILLAGER_NANCHA, "/api/village/points/accounts/" + neighbour + path);
            assertThat(other.status()).as(path).isEqualTo(403);
            assertThat(other.contentType()).startsWith("application/problem+json");
            assertThat(other.rule()).isEqualTo("own-household");
            assertThat(other.raw()).doesNotContain("CLEAN_COURTYARD");
        }
        // another village's cadre, elder and villager: no such account in their village
        for (Api.Who outsider : List.of(CADRE_BEITUMEN, ELDER_BEITUMEN)) {
            for (String path : List.of("", "/entries", "/statements/2026-05")) {
                Api.Reply other = api.get(outsider, "/api/village/points/accounts/" + neighbour + path);
                assertThat(other.status()).as(outsider + path).isEqualTo(404);
                assertThat(other.contentType()).startsWith("application/problem+json");
                assertThat(other.rule()).isEqualTo("exists");
            }
        }
        Api.Reply crossVillager = api.get(VILLAGER_BEITUMEN, "/api/village/points/accounts/" + HOUSEHOLD_NANCHA);
        assertThat(crossVillager.status()).isEqualTo(403);
        assertThat(crossVillager.rule()).isEqualTo("own-household");
        // a beitumen cadre cannot redeem nor read a nancha account through its own village either
        assertThat(api.get(CADRE_BEITUMEN, "/api/village/points/accounts/" + HOUSEHOLD_NANCHA).status())
                .isEqualTo(404);
    }

    @Test
    void scopeAndInputRulesAnswerWithProblemsNamingTheRule() {
        Api.Reply othersPoints = api.post(VILLAGER_NANCHA, "/api/village/points/redemptions",
                "{\"household\":\"h-2\",\"itemCode\":\"SOAP\"}");
        assertThat(othersPoints.status()).isEqualTo(403);
        assertThat(othersPoints.rule()).isEqualTo("own-household");
        Api.Reply villagerAwards = api.post(VILLAGER_NANCHA, "/api/village/points/awards",
                award(HOUSEHOLD_NANCHA, "VOLUNTEER", "self-award"));
        assertThat(villagerAwards.status()).isEqualTo(403);
        assertThat(villagerAwards.rule()).isEqualTo("role");
        Api.Reply gridAwards = api.post(GRID_NANCHA, "/api/village/points/awards", award("h-1", "VOLUNTEER", "x"));
        assertThat(gridAwards.status()).isEqualTo(403);
        assertThat(gridAwards.contentType()).startsWith("application/problem+json");
        Api.Reply automatic = api.post(CADRE_NANCHA, "/api/village/points/awards", award("h-1", "ELDER_COUNCIL", "by hand"));
        assertThat(automatic.status()).isEqualTo(422);
        assertThat(automatic.rule()).isEqualTo("points-rule");
        Api.Reply missing = api.post(CADRE_NANCHA, "/api/village/points/awards", "{\"ruleCode\":\"VOLUNTEER\",\"reason\":\"x\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");
        assertThat(missing.raw()).contains("household");
        Api.Reply malformed = api.post(CADRE_NANCHA, "/api/village/points/awards", "{\"household\":");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");
        Api.Reply wrongType = api.send(CADRE_NANCHA, "POST", "/api/village/points/awards", "household=h-1",
                Map.of("Content-Type", "text/plain"));
        assertThat(wrongType.status()).isEqualTo(415);
        assertThat(api.get(CADRE_NANCHA, "/api/village/points/accounts/" + HOUSEHOLD_NANCHA + "/statements/May-2026")
                .rule()).isEqualTo("month");
    }

    @Test
    void theLeaderboardRanksTheVillagesHouseholdsOnly() {
        String a = fresh("h-a");
        String b = fresh("h-b");
        String c = fresh("h-c");
        api.post(CADRE_BEITUMEN, "/api/village/points/awards", award(a, "GOOD_DEED", "x"));
        api.post(CADRE_BEITUMEN, "/api/village/points/awards", award(b, "VOLUNTEER", "x"));
        api.post(CADRE_BEITUMEN, "/api/village/points/awards", award(c, "GOOD_DEED", "x"));
        String elsewhere = fresh("h-z");
        api.post(CADRE_NANCHA, "/api/village/points/awards", award(elsewhere, "GOOD_DEED", "x"));

        // the board is a snapshot at most about a second old
        var board = await().atMost(WAIT).until(() -> api.get(VILLAGER_BEITUMEN,
                "/api/village/points/leaderboard?limit=10").body(), n -> n.size() == 3);
        assertThat(board.get(0).path("rank").asInt()).isEqualTo(1);
        assertThat(List.of(board.get(0).path("household").asString(), board.get(1).path("household").asString()))
                .isEqualTo(a.compareTo(c) < 0 ? List.of(a, c) : List.of(c, a));
        assertThat(board.get(1).path("rank").asInt()).isEqualTo(1);
        assertThat(board.get(2).path("household").asString()).isEqualTo(b);
        assertThat(board.get(2).path("rank").asInt()).isEqualTo(3);
        assertThat(api.get(CADRE_NANCHA, "/api/village/points/leaderboard?limit=200").raw()).doesNotContain(a, b, c);
    }
}
