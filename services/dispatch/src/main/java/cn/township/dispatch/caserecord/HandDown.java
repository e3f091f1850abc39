package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A case handed down to its village (下交) with the reason and the three-step plan, and the outcomes it waits
 * for: the elders' council, the villagers' review and mediation.
 */
public record HandDown(String village, String reason, List<String> plan, String by, Instant at,
                       @Nullable String elderDecision, @Nullable Boolean villagersConverted,
                       @Nullable Double villagersRating, @Nullable String mediation) {

    public static final String AGREEMENT = "AGREEMENT_REACHED";
    public static final String FAILED = "MEDIATION_FAILED";

    public HandDown {
        plan = List.copyOf(plan);
    }

    public boolean concluded() {
        return elderDecision != null && villagersConverted != null && mediation != null;
    }

    /** Converted (转化) when the mediation reached agreement or the villagers' review says so. */
    public boolean converted() {
        return AGREEMENT.equals(mediation) || Boolean.TRUE.equals(villagersConverted);
    }

    HandDown withElderDecision(String decision) {
        return new HandDown(village, reason, plan, by, at, decision, villagersConverted, villagersRating, mediation);
    }

    HandDown withVillagersReview(boolean converted, double rating) {
        return new HandDown(village, reason, plan, by, at, elderDecision, converted, rating, mediation);
    }

    HandDown withMediation(String outcome) {
        return new HandDown(village, reason, plan, by, at, elderDecision, villagersConverted, villagersRating, outcome);
    }

    String planText() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < plan.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(i + 1).append(". ").append(plan.get(i));
        }
        return text.toString();
    }
}
