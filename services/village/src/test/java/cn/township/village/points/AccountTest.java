package cn.township.village.points;

import cn.township.contracts.village.PointsAwarded;
import cn.township.contracts.village.PointsRedeemed;
import cn.township.village.rule.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccountTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    private static LedgerEntry entry(String id, EntryKind kind, int points) {
        return new LedgerEntry(id, "v1", "h-1", kind, points, "CODE", "why", null, null, "cadre", T0);
    }

    @Test
    void postingKeepsARunningBalanceTotalsAndSequence() {
        Account.Posting p = Account.empty("v1", "h-1").post(List.of(entry("e1", EntryKind.AWARD, 10),
                entry("e2", EntryKind.DEDUCTION, 3), entry("e3", EntryKind.REDEMPTION, 5)), 0);

        assertThat(p.account().balance()).isEqualTo(2);
        assertThat(p.account().awarded()).isEqualTo(10);
        assertThat(p.account().deducted()).isEqualTo(3);
        assertThat(p.account().redeemed()).isEqualTo(5);
        assertThat(p.account().seq()).isEqualTo(3);
        assertThat(p.account().applied()).containsExactly("e1", "e2", "e3");
        assertThat(p.posted()).extracting(PostedEntry::balance).containsExactly(10, 7, 2);
        assertThat(p.posted()).extracting(PostedEntry::seq).containsExactly(1L, 2L, 3L);
        assertThat(p.events().getFirst()).isInstanceOfSatisfying(PointsAwarded.class,
                e -> assertThat(e.balance()).isEqualTo(10));
        assertThat(p.events().getLast()).isInstanceOfSatisfying(PointsRedeemed.class,
                e -> assertThat(e.balance()).isEqualTo(2));
    }

    @Test
    void nothingTakesTheBalanceBelowTheFloor() {
        Account a = Account.empty("v1", "h-1").post(List.of(entry("e1", EntryKind.AWARD, 10)), 0).account();
        assertThat(a.post(List.of(entry("e2", EntryKind.REDEMPTION, 10)), 0).account().balance()).isZero();
        assertThatThrownBy(() -> a.post(List.of(entry("e2", EntryKind.REDEMPTION, 11)), 0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("balance-floor"));
        assertThat(a.post(List.of(entry("e3", EntryKind.DEDUCTION, 15)), -5).account().balance()).isEqualTo(-5);
        assertThatThrownBy(() -> a.post(List.of(entry("e3", EntryKind.DEDUCTION, 16)), -5))
                .isInstanceOf(RuleViolation.class);
    }

    @Test
    void eventEntryIdsAreStablePerEventRuleAndHousehold() {
        assertThat(EntryIds.fromEvent("ev-1", "R", "h-1")).isEqualTo(EntryIds.fromEvent("ev-1", "R", "h-1"))
                .isNotEqualTo(EntryIds.fromEvent("ev-1", "R", "h-2"))
                .isNotEqualTo(EntryIds.fromEvent("ev-2", "R", "h-1"));
        assertThat(EntryIds.fromRequest("v", "u", null)).isNotEqualTo(EntryIds.fromRequest("v", "u", null));
        assertThat(EntryIds.fromRequest("v", "u", "k")).isEqualTo(EntryIds.fromRequest("v", "u", "k"));
    }
}
