package cn.township.village.points;

import cn.township.village.rule.RuleViolation;
import cn.township.village.web.Caller;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Awards, deductions and redemptions asked for over HTTP, checked against the caller's role and village. */
@Service
public class PointsService {

    private final PointsLedger ledger;
    private final PointsCatalogue catalogue;
    private final PointsQueries queries;
    private final Clock clock;

    PointsService(PointsLedger ledger, PointsCatalogue catalogue, PointsQueries queries, Clock clock) {
        this.ledger = ledger;
        this.catalogue = catalogue;
        this.queries = queries;
        this.clock = clock;
    }

    /** The entry and whether it was new (false: the same request had been applied before). */
    public record Posted(EntryView entry, boolean created) {
    }

    public Posted award(Caller caller, String household, String ruleCode, String reason, @Nullable String evidence,
                        @Nullable String idempotencyKey) {
        return adjust(caller, household, ruleCode, EntryKind.AWARD, reason, evidence, idempotencyKey);
    }

    public Posted deduct(Caller caller, String household, String ruleCode, String reason, @Nullable String evidence,
                         @Nullable String idempotencyKey) {
        return adjust(caller, household, ruleCode, EntryKind.DEDUCTION, reason, evidence, idempotencyKey);
    }

    private Posted adjust(Caller caller, String household, String ruleCode, EntryKind kind, String reason,
                          @Nullable String evidence, @Nullable String idempotencyKey) {
        String village = caller.villageAs(Caller.CADRE);
        PointRule rule = catalogue.manualRule(ruleCode, kind);
        LedgerEntry entry = new LedgerEntry(EntryIds.fromRequest(village, caller.user(), idempotencyKey), village,
                household, kind, rule.points(), rule.code(), reason, evidence, null, caller.user(), clock.instant());
        return post(village, entry);
    }

    public Posted redeem(Caller caller, @Nullable String household, String itemCode, int quantity,
                         @Nullable String idempotencyKey) {
        String village = caller.villageAs(Caller.CADRE, Caller.VILLAGER);
        String target = household != null ? household : caller.householdOrFail();
        if (!caller.has(Caller.CADRE) && !target.equals(caller.household())) {
            throw RuleViolation.forbidden("own-household", "a villager redeems only their own household's points");
        }
        if (quantity < 1) {
            throw RuleViolation.invalid("quantity", "quantity must be at least 1");
        }
        RedemptionItem item = catalogue.item(itemCode);
        LedgerEntry entry = new LedgerEntry(EntryIds.fromRequest(village, caller.user(), idempotencyKey), village,
                target, EntryKind.REDEMPTION, Math.multiplyExact(item.points(), quantity), item.code(),
                "redeemed " + quantity + " x " + item.name(), null, null, caller.user(), clock.instant());
        return post(village, entry);
    }

    private Posted post(String village, LedgerEntry entry) {
        PointsLedger.Outcome outcome = ledger.post(entry);
        return switch (outcome.status()) {
            case POSTED -> new Posted(EntryView.of(outcome.posted()), true);
            case DUPLICATE -> new Posted(queries.entry(village, entry.id()), false);
            case REFUSED -> throw outcome.violation();
        };
    }
}
