package cn.township.mediation.file;

import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.MediationFailed;
import cn.township.contracts.mediation.MediationOpened;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.contracts.mediation.SessionHeld;
import cn.township.contracts.mediation.SessionOutcome;
import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.InvalidField;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MediationFileTest {

    private static final Instant T = Instant.parse("2026-12-01T02:00:00Z");
    private static final Party COMPLAINANT = new Party(PartyRole.COMPLAINANT, "张三", "138****5678", "beitumen-0001");
    private static final Party RESPONDENT = new Party(PartyRole.RESPONDENT, "李四", null, "beitumen-0002");
    private static final List<Participant> TEAM = List.of(new Participant("adviser-zhang", "张建国", List.of("LEGAL_ADVISER"), null),
            new Participant("elder-beitumen-1", "李长河", List.of("ELDER"), "beitumen-0008"));

    private static MediationFile opened() {
        var change = MediationFile.open("mf-c1", "c1", "beitumen", DisputeType.CONSTRUCTION, List.of(COMPLAINANT, RESPONDENT),
                false, "plan", "mediator", T);
        assertThat(change.events()).singleElement().isInstanceOf(MediationOpened.class);
        return change.state();
    }

    private static Agreement agreement(String... acknowledgedBy) {
        return new Agreement(List.of("李四 moves the drain pipe 1 m east before the rainy season", "张三 withdraws the complaint"),
                java.util.Arrays.stream(acknowledgedBy).map(p -> new Acknowledgement(p, "signature", T)).toList(), T);
    }

    @Test
    void threeRoundsEndInAnAgreementAcknowledgedByEveryParty() {
        MediationFile file = opened();
        var r1 = file.recordRound("s-1", SessionOutcome.ADJOURNED, TEAM, List.of("张三", "李四"), "tempers high", null, T);
        assertThat(r1.events()).singleElement().isInstanceOf(SessionHeld.class);
        var r2 = r1.state().recordRound("s-2", SessionOutcome.PARTIAL, TEAM, List.of("张三", "李四"), "drain agreed in principle", null, T);
        assertThat(r2.state().nextRound()).isEqualTo(3);
        var r3 = r2.state().recordRound("s-3", SessionOutcome.AGREEMENT, TEAM, List.of("张三", "李四"), "signed",
                agreement("张三", "李四"), T);

        assertThat(r3.state().status()).isEqualTo(FileStatus.AGREED);
        assertThat(r3.state().rounds()).extracting(Round::number).containsExactly(1, 2, 3);
        assertThat(r3.events()).hasSize(2).last().isInstanceOfSatisfying(AgreementReached.class, e -> {
            assertThat(e.rounds()).isEqualTo(3);
            assertThat(e.caseId()).isEqualTo("c1");
            assertThat(e.terms()).hasSize(2);
            assertThat(e.parties()).containsExactly(COMPLAINANT, RESPONDENT);
        });
        assertThatThrownBy(() -> r3.state().recordRound("s-4", SessionOutcome.ADJOURNED, TEAM, List.of(), "x", null, T))
                .isInstanceOf(Conflict.class);
    }

    @Test
    void anAgreementNeedsEveryPartysAcknowledgementAndTerms() {
        MediationFile file = opened();
        assertThatThrownBy(() -> file.recordRound("s-1", SessionOutcome.AGREEMENT, TEAM, List.of(), "m", agreement("张三"), T))
                .isInstanceOf(InvalidField.class).hasMessageContaining("李四")
                .extracting(e -> ((InvalidField) e).field()).isEqualTo("agreement.acknowledgements");
        assertThatThrownBy(() -> file.recordRound("s-1", SessionOutcome.AGREEMENT, TEAM, List.of(), "m", null, T))
                .isInstanceOf(InvalidField.class);
        assertThatThrownBy(() -> file.recordRound("s-1", SessionOutcome.AGREEMENT, TEAM, List.of(), "m",
                new Agreement(List.of(), agreement("张三", "李四").acknowledgements(), T), T))
                .extracting(e -> ((InvalidField) e).field()).isEqualTo("agreement.terms");
    }

    @Test
    void recordingTheSameSessionTwiceChangesNothingAndNoAgreementFails() {
        var once = opened().recordRound("s-1", SessionOutcome.ADJOURNED, TEAM, List.of(), "m", null, T);
        var twice = once.state().recordRound("s-1", SessionOutcome.ADJOURNED, TEAM, List.of(), "m", null, T);
        assertThat(twice.changed()).isFalse();
        assertThat(twice.state().rounds()).hasSize(1);

        var failed = once.state().recordRound("s-2", SessionOutcome.NO_AGREEMENT, TEAM, List.of(), "respondent refuses", null, T);
        assertThat(failed.state().status()).isEqualTo(FileStatus.FAILED);
        assertThat(failed.events()).last().isInstanceOfSatisfying(MediationFailed.class,
                e -> assertThat(e.reason()).isEqualTo("respondent refuses"));
    }

    @Test
    void theThreeStepsGoInOrder() {
        MediationFile file = opened();
        assertThatThrownBy(() -> file.recordStep(new Step(StepKind.HOME_VISIT, List.of("official-zhao"), T, "x", "mediator")))
                .isInstanceOf(Conflict.class).hasMessageContaining("REMINDER");
        MediationFile reminded = file.recordStep(new Step(StepKind.REMINDER, List.of("cadre-beitumen"), T,
                "reminded both neighbours of the drainage rules", "mediator"));
        MediationFile visited = reminded.recordStep(new Step(StepKind.HOME_VISIT, List.of("official-zhao", "cadre-beitumen"), T,
                "visited both households", "mediator"));
        MediationFile planned = visited.recordStep(new Step(StepKind.HAND_DOWN_PLAN, List.of("official-zhao"), T,
                "plan: shared drain, respondent pays materials", "mediator"));
        assertThat(planned.steps()).extracting(Step::kind)
                .containsExactly(StepKind.REMINDER, StepKind.HOME_VISIT, StepKind.HAND_DOWN_PLAN);
    }

    @Test
    void phonesAreMaskedAndCategoriesRead() {
        assertThat(Phones.mask("13812345678")).isEqualTo("138****5678");
        assertThat(Phones.mask("138****5678")).isEqualTo("138****5678");
        assertThat(Disputes.fromCategory("邻居建房施工")).isEqualTo(DisputeType.CONSTRUCTION);
        assertThat(Disputes.fromCategory("宅基地纠纷")).isEqualTo(DisputeType.HOMESTEAD);
        assertThat(Disputes.fromCategory("drainage")).isEqualTo(DisputeType.DRAINAGE);
        assertThat(Disputes.fromCategory("noise")).isEqualTo(DisputeType.OTHER);
    }
}
