package cn.township.village.review;

import cn.township.contracts.village.VillagerReviewConcluded;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * The villagers' review (下交群评) of how a handed-down case was handled. The village's representatives (taken
 * from the register when the review opens) each rate it 1-5 with a comment; it closes when all have answered
 * or at the deadline, and its result is published. With an empty register any villager of the village may
 * answer and it closes at the deadline. {@code converted} records that mediation reached an agreement on the
 * case (the complainant was won over, 转化).
 */
public record VillagerReview(String id, String caseId, String village, String category, Instant openedAt,
                             Instant deadline, List<String> representatives, List<Response> responses,
                             boolean converted, Status status, @Nullable Double averageRating,
                             @Nullable Instant concludedAt) implements AggregateStore.Aggregate {

    public enum Status { OPEN, CONCLUDED }

    public record Response(String villager, @Nullable String household, int rating, String comment, Instant at) {
    }

    public static String idFor(String caseId) {
        return "review-" + caseId;
    }

    public static VillagerReview open(String caseId, String village, String category, Instant now, Instant deadline,
                                      List<String> representatives) {
        return new VillagerReview(idFor(caseId), caseId, village, category, now, deadline, List.copyOf(representatives),
                List.of(), false, Status.OPEN, null, null);
    }

    public Change<VillagerReview> respond(String villager, @Nullable String household, int rating, String comment,
                                          Instant now) {
        if (status != Status.OPEN) {
            throw RuleViolation.conflict("review-closed", "the review of case " + caseId + " is closed");
        }
        if (!now.isBefore(deadline)) {
            throw RuleViolation.conflict("deadline-passed", "the review's deadline " + deadline + " has passed");
        }
        if (!representatives.isEmpty() && !representatives.contains(villager)) {
            throw RuleViolation.forbidden("representatives-only", villager + " is not a villager representative");
        }
        if (rating < 1 || rating > 5) {
            throw RuleViolation.invalid("rating", "rating must be between 1 and 5");
        }
        if (responses.stream().anyMatch(r -> r.villager().equals(villager))) {
            throw RuleViolation.conflict("one-response-per-representative", villager + " has already answered");
        }
        List<Response> all = new ArrayList<>(responses);
        all.add(new Response(villager, household, rating, comment, now));
        VillagerReview next = with(all, converted, Status.OPEN, null, null);
        boolean everyoneAnswered = !representatives.isEmpty()
                && new HashSet<>(all.stream().map(Response::villager).toList()).containsAll(representatives);
        return everyoneAnswered ? next.conclude(now) : Change.of(next);
    }

    public Change<VillagerReview> expire(Instant now) {
        return status == Status.OPEN && !now.isBefore(deadline) ? conclude(now) : Change.of(this);
    }

    /** Mediation reached an agreement on the case; an open review reports it. */
    public Change<VillagerReview> markConverted() {
        return status == Status.OPEN ? Change.of(with(responses, true, status, averageRating, concludedAt))
                : Change.of(this);
    }

    private Change<VillagerReview> conclude(Instant now) {
        double average = responses.stream().mapToInt(Response::rating).average().orElse(0);
        double rounded = Math.round(average * 100) / 100.0;
        VillagerReview done = with(responses, converted, Status.CONCLUDED, rounded, now);
        return Change.of(done, new VillagerReviewConcluded(id, caseId, village, rounded, responses.size(), converted,
                now));
    }

    private VillagerReview with(List<Response> all, boolean conv, Status s, @Nullable Double avg,
                                @Nullable Instant at) {
        return new VillagerReview(id, caseId, village, category, openedAt, deadline, representatives,
                List.copyOf(all), conv, s, avg, at);
    }

    @Override
    public @Nullable Instant dueAt() {
        return status == Status.OPEN ? deadline : null;
    }
}
