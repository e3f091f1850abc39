package cn.township.contracts.village;

import java.time.Instant;

/** Villagers' review (下交群评) of how a handed-down case was handled. */
public record VillagerReviewConcluded(
        String reviewId,
        String caseId,
        String village,
        double averageRating,
        int responses,
        boolean converted,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
