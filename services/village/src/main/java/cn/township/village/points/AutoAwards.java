package cn.township.village.points;

import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

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

    /** One source event and whom it awards. */
    public record Source(String eventId, String village, Instant at, List<Beneficiaries> beneficiaries) {
    }

    public List<PointsLedger.Outcome> award(String sourceEventId, String village, Instant at,
                                            List<Beneficiaries> beneficiaries) {
        return award(List.of(new Source(sourceEventId, village, at, beneficiaries)));
    }

    /** Posts the awards of many events together; a household named twice under one rule in an event gets one. */
    public List<PointsLedger.Outcome> award(List<Source> sources) {
        List<LedgerEntry> entries = new ArrayList<>();
        for (Source source : sources) {
            for (Beneficiaries b : source.beneficiaries()) {
                PointRule rule = catalogue.rule(b.ruleCode());
                for (String household : new LinkedHashSet<>(b.households())) {
                    entries.add(new LedgerEntry(EntryIds.fromEvent(source.eventId(), rule.code(), household),
                            source.village(), household, EntryKind.AWARD, rule.points(), rule.code(), b.reason(),
                            null, source.eventId(), "system", source.at()));
                }
            }
        }
        return entries.isEmpty() ? List.of() : ledger.postAll(entries);
    }
}
