package cn.township.village.points;

import cn.township.contracts.village.PointsAwarded;
import cn.township.contracts.village.PointsDeducted;
import cn.township.contracts.village.PointsRedeemed;
import cn.township.contracts.village.VillageEvent;
import cn.township.village.rule.RuleViolation;

import java.util.ArrayList;
import java.util.List;

/**
 * A household's civility-points account: the running balance, its totals, the sequence number of the last posted entry
 * and the ids of recently applied entries. Posting checks the
 * floor and returns the posted entries and their events.
 */
public record Account(String village, String household, int balance, int awarded, int deducted, int redeemed,
                      long seq, List<String> applied) {

    public static Account empty(String village, String household) {
        return new Account(village, household, 0, 0, 0, 0, 0, List.of());
    }

    public static String id(String village, String household) {
        return village + "/" + household;
    }

    public String id() {
        return id(village, household);
    }

    public boolean hasApplied(String entryId) {
        return applied.contains(entryId);
    }

    /** The result of posting entries: the new account, what was posted and the events to publish. */
    public record Posting(Account account, List<PostedEntry> posted, List<VillageEvent> events) {
    }

    /**
     * Posts the entries in order; each moves the balance by its delta and may not take it below the floor.
     *
     * @throws RuleViolation {@code balance-floor} when one would
     */
    public Posting post(List<LedgerEntry> entries, int floor) {
        Account account = this;
        List<PostedEntry> posted = new ArrayList<>();
        List<VillageEvent> events = new ArrayList<>();
        for (LedgerEntry e : entries) {
            int after = account.balance + e.delta();
            if (e.delta() < 0 && after < floor) {
                throw RuleViolation.conflict("balance-floor", "household " + household + " has " + account.balance
                        + " points; taking " + e.points() + " would go below the floor of " + floor);
            }
            List<String> ids = new ArrayList<>(account.applied);
            ids.add(e.id());
            account = new Account(village, household, after,
                    account.awarded + (e.kind() == EntryKind.AWARD ? e.points() : 0),
                    account.deducted + (e.kind() == EntryKind.DEDUCTION ? e.points() : 0),
                    account.redeemed + (e.kind() == EntryKind.REDEMPTION ? e.points() : 0),
                    account.seq + 1, ids);
            posted.add(new PostedEntry(e, account.seq, after));
            events.add(event(e, after));
        }
        return new Posting(account, posted, events);
    }

    private VillageEvent event(LedgerEntry e, int after) {
        return switch (e.kind()) {
            case AWARD -> new PointsAwarded(e.id(), village, household, e.points(), e.code(), e.reason(),
                    e.sourceEventId(), after, e.at());
            case DEDUCTION -> new PointsDeducted(e.id(), village, household, e.points(), e.code(), e.reason(), after,
                    e.at());
            case REDEMPTION -> new PointsRedeemed(e.id(), village, household, e.points(), e.code(), after, e.at());
        };
    }
}
