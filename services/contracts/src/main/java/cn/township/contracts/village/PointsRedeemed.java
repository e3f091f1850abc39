package cn.township.contracts.village;

import java.time.Instant;

/** A household redeemed civility points. */
public record PointsRedeemed(
        String entryId,
        String village,
        String household,
        int points,
        String itemCode,
        int balance,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return household;
    }
}
