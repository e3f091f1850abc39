package cn.township.village.council;

import cn.township.contracts.village.ElderOpinion;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The elders' council (三老合议) on one handed-down case. Elders of the case's village each give one opinion
 * before the deadline. Once the quorum has spoken, a strict majority of the opinions decides at once; at the
 * deadline, with the quorum reached, the most frequent opinion decides (a tie: PARTLY_REASONABLE); without
 * the quorum the council lapses and decides nothing.
 */
public record ElderCouncil(String id, String caseId, String village, String category, String reason, String plan,
                           Instant openedAt, Instant deadline, int quorum, Status status, List<Opinion> opinions,
                           @Nullable ElderOpinion decision, @Nullable Instant concludedAt)
        implements AggregateStore.Aggregate {

    public enum Status { OPEN, CONCLUDED, LAPSED }

    public record Opinion(String elder, @Nullable String household, ElderOpinion opinion, String comment,
                          Instant at) {
    }

    public static String idFor(String caseId) {
        return "council-" + caseId;
    }

    public static ElderCouncil open(String caseId, String village, String category, String reason, String plan,
                                    Instant openedAt, Instant deadline, int quorum) {
        return new ElderCouncil(idFor(caseId), caseId, village, category, reason, plan, openedAt, deadline, quorum,
                Status.OPEN, List.of(), null, null);
    }

    public Change<ElderCouncil> record(String elder, @Nullable String household, ElderOpinion opinion,
                                       String comment, Instant now) {
        if (status != Status.OPEN) {
            throw RuleViolation.conflict("council-closed", "the council on case " + caseId + " is " + status);
        }
        if (!now.isBefore(deadline)) {
            throw RuleViolation.conflict("deadline-passed", "the council's deadline " + deadline + " has passed");
        }
        if (opinions.stream().anyMatch(o -> o.elder().equals(elder))) {
            throw RuleViolation.conflict("one-opinion-per-elder", "elder " + elder + " has already given an opinion");
        }
        List<Opinion> all = new ArrayList<>(opinions);
        all.add(new Opinion(elder, household, opinion, comment, now));
        ElderCouncil next = with(all, Status.OPEN, null, null);
        if (all.size() >= quorum) {
            ElderOpinion majority = next.strictMajority();
            if (majority != null) {
                return next.conclude(majority, now);
            }
        }
        return Change.of(next);
    }

    /** What the deadline does: decide by plurality with the quorum reached, otherwise lapse. */
    public Change<ElderCouncil> expire(Instant now) {
        if (status != Status.OPEN || now.isBefore(deadline)) {
            return Change.of(this);
        }
        if (opinions.size() < quorum) {
            return Change.of(with(opinions, Status.LAPSED, null, now));
        }
        return conclude(plurality(), now);
    }

    private Change<ElderCouncil> conclude(ElderOpinion decision, Instant now) {
        ElderCouncil done = with(opinions, Status.CONCLUDED, decision, now);
        return Change.of(done, new ElderReviewConcluded(id, caseId, village, decision,
                opinions.stream().map(Opinion::elder).toList(), opinions.size(), now));
    }

    private @Nullable ElderOpinion strictMajority() {
        return counts().entrySet().stream().filter(e -> e.getValue() * 2 > opinions.size())
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    private ElderOpinion plurality() {
        Map<ElderOpinion, Integer> counts = counts();
        int max = counts.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<ElderOpinion> top = counts.entrySet().stream().filter(e -> e.getValue() == max).map(Map.Entry::getKey)
                .toList();
        return top.size() == 1 ? top.getFirst() : ElderOpinion.PARTLY_REASONABLE;
    }

    private Map<ElderOpinion, Integer> counts() {
        Map<ElderOpinion, Integer> counts = new EnumMap<>(ElderOpinion.class);
        opinions.forEach(o -> counts.merge(o.opinion(), 1, Integer::sum));
        return counts;
    }

    private ElderCouncil with(List<Opinion> all, Status s, @Nullable ElderOpinion d, @Nullable Instant at) {
        return new ElderCouncil(id, caseId, village, category, reason, plan, openedAt, deadline, quorum, s,
                List.copyOf(all), d, at);
    }

    @Override
    public @Nullable Instant dueAt() {
        return status == Status.OPEN ? deadline : null;
    }
}
