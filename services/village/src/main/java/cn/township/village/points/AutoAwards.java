package cn.township.village.points;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Awards that follow from events: one entry per source event, rule and household, so a redelivered event
 * awards nothing more.
 */
@Component
public class AutoAwards {

    private final PointsLedger ledger;
    private final PointsCatalogue catalogue;

    AutoAwards(PointsLedger ledger, PointsCatalogue catalogue) {
        this.ledger = ledger;
        this.catalogue = catalogue;
    }

    /** Households to be awarded under one rule. */
    public record Beneficiaries(String ruleCode, List<String> households, String reason) {
    }

    /** Posts the awards; a household named twice under one rule in the same event is awarded once. */
    public List<PointsLedger.Outcome> award(String sourceEventId, String village, Instant at,
                                            List<Beneficiaries> beneficiaries) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (Beneficiaries b : beneficiaries) {
            PointRule rule = catalogue.rule(b.ruleCode());
            Set<String> households = new LinkedHashSet<>(b.households());
            for (String household : households) {
                entries.add(new LedgerEntry(EntryIds.fromEvent(sourceEventId, rule.code(), household), village,
                        household, EntryKind.AWARD, rule.points(), rule.code(), b.reason(), null, sourceEventId,
                        "system", at));
            }
        }
        return entries.isEmpty() ? List.of() : ledger.postAll(entries);
    }
}
