package cn.township.village.council;

import cn.township.contracts.village.ElderOpinion;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ElderCouncilTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant DEADLINE = T0.plus(Duration.ofDays(7));

    private static ElderCouncil council() {
        return ElderCouncil.open("case-1", "xiongerzhai", "land", "untrue", "visit twice", T0, DEADLINE, 3);
    }

    @Test
    void majorityOnceTheQuorumHasSpokenDecidesAndReportsTheElders() {
        Change<ElderCouncil> c = council().record("elder-a", "h-1", ElderOpinion.UNREASONABLE, "no basis", T0);
        c = c.state().record("elder-b", "h-2", ElderOpinion.UNREASONABLE, "agreed", T0.plusSeconds(60));
        assertThat(c.events()).isEmpty();
        c = c.state().record("elder-c", null, ElderOpinion.REASONABLE, "partly", T0.plusSeconds(120));

        assertThat(c.state().status()).isEqualTo(ElderCouncil.Status.CONCLUDED);
        assertThat(c.state().decision()).isEqualTo(ElderOpinion.UNREASONABLE);
        assertThat(c.events()).singleElement().isInstanceOfSatisfying(ElderReviewConcluded.class, e -> {
            assertThat(e.caseId()).isEqualTo("case-1");
            assertThat(e.elders()).containsExactly("elder-a", "elder-b", "elder-c");
            assertThat(e.opinions()).isEqualTo(3);
            assertThat(e.decision()).isEqualTo(ElderOpinion.UNREASONABLE);
        });
    }

    @Test
    void aSplitCouncilWaitsForMoreOpinions() {
        ElderCouncil c = council().record("a", null, ElderOpinion.UNREASONABLE, "x", T0).state()
                .record("b", null, ElderOpinion.REASONABLE, "x", T0).state()
                .record("c", null, ElderOpinion.PARTLY_REASONABLE, "x", T0).state();
        assertThat(c.status()).isEqualTo(ElderCouncil.Status.OPEN);

        Change<ElderCouncil> fourth = c.record("d", null, ElderOpinion.REASONABLE, "x", T0);
        assertThat(fourth.state().status()).isEqualTo(ElderCouncil.Status.OPEN);
        Change<ElderCouncil> fifth = fourth.state().record("e", null, ElderOpinion.REASONABLE, "x", T0);
        assertThat(fifth.state().decision()).isEqualTo(ElderOpinion.REASONABLE);
    }

    @Test
    void anElderGivesOneOpinionOnly() {
        ElderCouncil c = council().record("a", null, ElderOpinion.UNREASONABLE, "x", T0).state();
        assertThatThrownBy(() -> c.record("a", null, ElderOpinion.REASONABLE, "changed my mind", T0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("one-opinion-per-elder"));
    }

    @Test
    void noOpinionAfterTheDeadline() {
        assertThatThrownBy(() -> council().record("a", null, ElderOpinion.UNREASONABLE, "late", DEADLINE))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("deadline-passed"));
    }

    @Test
    void atTheDeadlineAQuorateSplitCouncilDecidesByPluralityAndATieIsPartlyReasonable() {
        ElderCouncil split = council().record("a", null, ElderOpinion.UNREASONABLE, "x", T0).state()
                .record("b", null, ElderOpinion.REASONABLE, "x", T0).state()
                .record("c", null, ElderOpinion.PARTLY_REASONABLE, "x", T0).state()
                .record("d", null, ElderOpinion.UNREASONABLE, "x", T0).state();
        Change<ElderCouncil> expired = split.expire(DEADLINE);
        assertThat(expired.state().decision()).isEqualTo(ElderOpinion.UNREASONABLE);
        assertThat(expired.events()).hasSize(1);

        ElderCouncil tie = council().record("a", null, ElderOpinion.UNREASONABLE, "x", T0).state()
                .record("b", null, ElderOpinion.REASONABLE, "x", T0).state()
                .record("c", null, ElderOpinion.PARTLY_REASONABLE, "x", T0).state()
                .record("d", null, ElderOpinion.REASONABLE, "x", T0).state()
                .record("e", null, ElderOpinion.UNREASONABLE, "x", T0).state();
        assertThat(tie.expire(DEADLINE).state().decision()).isEqualTo(ElderOpinion.PARTLY_REASONABLE);
    }

    @Test
    void withoutTheQuorumTheCouncilLapsesSilently() {
        ElderCouncil one = council().record("a", null, ElderOpinion.UNREASONABLE, "x", T0).state();
        assertThat(one.expire(DEADLINE.minusSeconds(1)).state().status()).isEqualTo(ElderCouncil.Status.OPEN);
        Change<ElderCouncil> lapsed = one.expire(DEADLINE);
        assertThat(lapsed.state().status()).isEqualTo(ElderCouncil.Status.LAPSED);
        assertThat(lapsed.events()).isEmpty();
        assertThat(lapsed.state().dueAt()).isNull();
    }
}
