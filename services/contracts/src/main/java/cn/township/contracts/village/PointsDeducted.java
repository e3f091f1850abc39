package cn.township.contracts.village;

import java.time.Instant;

/** Civility points deducted from a household. */
public record PointsDeducted(
        String entryId,
        String village,
        String household,
        int points,
        String ruleCode,
        String reason,
        int balance,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return household;
    }
}
