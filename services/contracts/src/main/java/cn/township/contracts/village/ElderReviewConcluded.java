package cn.township.contracts.village;

import java.time.Instant;
import java.util.List;

/** The elders' council (三老合议) decided on a handed-down case. */
public record ElderReviewConcluded(
        String reviewId,
        String caseId,
        String village,
        ElderOpinion decision,
        List<String> elders,
        int opinions,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return caseId;
    }
}
