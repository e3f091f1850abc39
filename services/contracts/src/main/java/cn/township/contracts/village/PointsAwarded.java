package cn.township.contracts.village;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Civility points (文明积分) awarded to a household. */
public record PointsAwarded(
        String entryId,
        String village,
        String household,
        int points,
        String ruleCode,
        String reason,
        @Nullable String sourceEventId,
        int balance,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return household;
    }
}
