package cn.township.village.deliberation;

import cn.township.contracts.village.DeliberationDecided;
import cn.township.contracts.village.DeliberationResult;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeliberationTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant DEADLINE = T0.plusSeconds(3_600);
    private static final Deliberation.ProjectDraft LAMPS =
            new Deliberation.ProjectDraft("street lamps on east road", List.of("street-lighting"), "grid-3", null);

    private static Deliberation open(boolean secret) {
        return Deliberation.propose("d-1", "v1", null, "lamps", "light the east road", "cadre", T0, DEADLINE, 3,
                secret, LAMPS);
    }

    @Test
    void theVoteClosesWhenTheQuorumOfHouseholdsHasVoted() {
        Change<Deliberation> c = open(false).vote("h-1", "wang", Deliberation.Choice.FOR, T0);
        c = c.state().vote("h-2", "li", Deliberation.Choice.AGAINST, T0);
        assertThat(c.events()).isEmpty();
        c = c.state().vote("h-3", "zhao", Deliberation.Choice.FOR, T0);

        assertThat(c.state().status()).isEqualTo(Deliberation.Status.DECIDED);
        assertThat(c.events()).singleElement().isInstanceOfSatisfying(DeliberationDecided.class, e -> {
            assertThat(e.result()).isEqualTo(DeliberationResult.ADOPTED);
            assertThat(e.votesFor()).isEqualTo(2);
            assertThat(e.votesAgainst()).isEqualTo(1);
            assertThat(e.projectId()).isEqualTo("project-d-1");
        });
        assertThat(c.state().ballots()).extracting(Deliberation.Ballot::household).containsExactly("h-1", "h-2", "h-3");
    }

    @Test
    void oneVotePerHouseholdAndNoneAfterTheDeadlineOrTheDecision() {
        Deliberation d = open(false).vote("h-1", "wang", Deliberation.Choice.FOR, T0).state();
        assertThatThrownBy(() -> d.vote("h-1", "wang-wife", Deliberation.Choice.AGAINST, T0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("one-vote-per-household"));
        assertThatThrownBy(() -> d.vote("h-9", "late", Deliberation.Choice.FOR, DEADLINE))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("deadline-passed"));
        Deliberation decided = d.vote("h-2", "b", Deliberation.Choice.AGAINST, T0).state()
                .vote("h-3", "c", Deliberation.Choice.AGAINST, T0).state();
        assertThat(decided.result()).isEqualTo(DeliberationResult.REJECTED);
        assertThat(decided.projectId()).isNull();
        assertThatThrownBy(() -> decided.vote("h-4", "d", Deliberation.Choice.FOR, T0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("deliberation-closed"));
    }

    @Test
    void aSecretVoteKeepsTalliesButNoBallots() {
        Deliberation d = open(true).vote("h-1", "wang", Deliberation.Choice.FOR, T0).state()
                .vote("h-2", "li", Deliberation.Choice.ABSTAIN, T0).state();
        assertThat(d.ballots()).isEmpty();
        assertThat(d.voters()).containsExactly("h-1", "h-2");
        assertThat(d.votesFor()).isEqualTo(1);
        assertThat(d.abstentions()).isEqualTo(1);
    }

    @Test
    void withoutTheQuorumByTheDeadlineThereIsNoDecision() {
        Change<Deliberation> c = open(false).vote("h-1", "wang", Deliberation.Choice.FOR, T0).state().expire(DEADLINE);
        assertThat(c.events()).singleElement().isInstanceOfSatisfying(DeliberationDecided.class,
                e -> assertThat(e.result()).isEqualTo(DeliberationResult.NO_QUORUM));
    }

    @Test
    void aProposalNeedsAFutureDeadlineAndAPositiveQuorum() {
        assertThatThrownBy(() -> Deliberation.propose("d", "v", null, "t", "p", "c", T0, T0, 3, false, null))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("deadline"));
        assertThatThrownBy(() -> Deliberation.propose("d", "v", null, "t", "p", "c", T0, DEADLINE, 0, false, null))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("quorum"));
    }
}
