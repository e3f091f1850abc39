package cn.township.village.deliberation;

import cn.township.contracts.village.DeliberationDecided;
import cn.township.contracts.village.DeliberationResult;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A deliberation (村民议事; 微议事 when it has a grid): a proposal, discussion, then a vote with one vote per
 * household. The vote closes as soon as the quorum of households has voted (more for than against adopts
 * it); at the deadline without the quorum it ends NO_QUORUM. In a secret vote only the tallies and who has
 * voted are kept, never who voted how. An adopted proposal that carries a project draft creates a
 * livelihood project.
 */
public record Deliberation(String id, String village, @Nullable String grid, String title, String proposal,
                           String proposer, Instant openedAt, Instant deadline, int quorum, boolean secret,
                           @Nullable ProjectDraft project, Status status, List<Comment> comments,
                           List<String> voters, List<Ballot> ballots, int votesFor, int votesAgainst,
                           int abstentions, @Nullable DeliberationResult result, @Nullable String projectId,
                           @Nullable Instant decidedAt) implements AggregateStore.Aggregate {

    public enum Status { OPEN, DECIDED }

    public enum Choice { FOR, AGAINST, ABSTAIN }

    public record Comment(String author, String text, Instant at) {
    }

    /** A vote in an open ballot: who (household and person) voted how. */
    public record Ballot(String household, String villager, Choice choice, Instant at) {
    }

    /** The livelihood project an adopted proposal creates. */
    public record ProjectDraft(String title, List<String> categories, @Nullable String area,
                               @Nullable String description) {
    }

    public static Deliberation propose(String id, String village, @Nullable String grid, String title,
                                       String proposal, String proposer, Instant now, Instant deadline, int quorum,
                                       boolean secret, @Nullable ProjectDraft project) {
        if (quorum < 1) {
            throw RuleViolation.invalid("quorum", "the quorum must be at least 1 household");
        }
        if (!deadline.isAfter(now)) {
            throw RuleViolation.invalid("deadline", "the deadline must be in the future");
        }
        return new Deliberation(id, village, grid, title, proposal, proposer, now, deadline, quorum, secret, project,
                Status.OPEN, List.of(), List.of(), List.of(), 0, 0, 0, null, null, null);
    }

    public Change<Deliberation> comment(String author, String text, Instant now) {
        requireOpen(now);
        List<Comment> all = new ArrayList<>(comments);
        all.add(new Comment(author, text, now));
        return Change.of(new Deliberation(id, village, grid, title, proposal, proposer, openedAt, deadline, quorum,
                secret, project, status, List.copyOf(all), voters, ballots, votesFor, votesAgainst, abstentions,
                result, projectId, decidedAt));
    }

    public Change<Deliberation> vote(String household, String villager, Choice choice, Instant now) {
        requireOpen(now);
        if (voters.contains(household)) {
            throw RuleViolation.conflict("one-vote-per-household", "household " + household + " has already voted");
        }
        List<String> allVoters = new ArrayList<>(voters);
        allVoters.add(household);
        List<Ballot> allBallots = new ArrayList<>(ballots);
        if (!secret) {
            allBallots.add(new Ballot(household, villager, choice, now));
        }
        Deliberation next = new Deliberation(id, village, grid, title, proposal, proposer, openedAt, deadline, quorum,
                secret, project, status, comments, List.copyOf(allVoters), List.copyOf(allBallots),
                votesFor + (choice == Choice.FOR ? 1 : 0), votesAgainst + (choice == Choice.AGAINST ? 1 : 0),
                abstentions + (choice == Choice.ABSTAIN ? 1 : 0), null, null, null);
        return allVoters.size() >= quorum ? next.decide(votesFor(next) ? DeliberationResult.ADOPTED
                : DeliberationResult.REJECTED, now) : Change.of(next);
    }

    public Change<Deliberation> expire(Instant now) {
        if (status != Status.OPEN || now.isBefore(deadline)) {
            return Change.of(this);
        }
        return decide(voters.size() < quorum ? DeliberationResult.NO_QUORUM
                : votesFor(this) ? DeliberationResult.ADOPTED : DeliberationResult.REJECTED, now);
    }

    private static boolean votesFor(Deliberation d) {
        return d.votesFor > d.votesAgainst;
    }

    private Change<Deliberation> decide(DeliberationResult outcome, Instant now) {
        String createdProject = outcome == DeliberationResult.ADOPTED && project != null ? "project-" + id : null;
        Deliberation done = new Deliberation(id, village, grid, title, proposal, proposer, openedAt, deadline, quorum,
                secret, project, Status.DECIDED, comments, voters, ballots, votesFor, votesAgainst, abstentions,
                outcome, createdProject, now);
        return Change.of(done, new DeliberationDecided(id, village, grid, title, outcome, votesFor, votesAgainst,
                abstentions, createdProject, now));
    }

    private void requireOpen(Instant now) {
        if (status != Status.OPEN) {
            throw RuleViolation.conflict("deliberation-closed", "deliberation " + id + " is decided: " + result);
        }
        if (!now.isBefore(deadline)) {
            throw RuleViolation.conflict("deadline-passed", "the vote closed at " + deadline);
        }
    }

    @Override
    public @Nullable Instant dueAt() {
        return status == Status.OPEN ? deadline : null;
    }
}
