package cn.township.dispatch.caserecord;

import cn.township.contracts.dispatch.AgencyReportedIn;
import cn.township.contracts.dispatch.CaseAccepted;
import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseOutcome;
import cn.township.contracts.dispatch.CaseReopened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseReturned;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.contracts.dispatch.ComplainantContacted;
import cn.township.contracts.dispatch.DeadlineKind;
import cn.township.contracts.dispatch.ReportInOverdue;
import cn.township.contracts.dispatch.SlaBreached;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.contracts.dispatch.WhistleBlown;
import cn.township.contracts.intake.Satisfaction;
import cn.township.dispatch.sla.SlaPolicy;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static cn.township.dispatch.caserecord.Cases.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CaseTest {

    private static final Duration WINDOW = Duration.ofDays(7);

    // ---- Opening
    @Test
    void opensAwaitingSignOffWithTheProposalAndDeadlinesFromTheTicket() {
        CaseChange change = Case.open("T-9", facts("NORMAL", "road"), new Routing("roads", "beitumen", "liu"),
                T0, SlaPolicy7d.terms(), T0.plusSeconds(5));
        Case c = change.after();
        assertThat(c.id()).isEqualTo("C-T-9");
        assertThat(c.state()).isEqualTo(CaseState.AWAITING_SIGN_OFF);
        assertThat(c.deadlines().resolutionDueAt()).isEqualTo(T0.plus(Duration.ofDays(7)));
        assertThat(c.deadlines().firstContactDueAt()).isEqualTo(T0.plus(Duration.ofHours(24)));
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseOpened.class, e -> {
            assertThat(e.ticketIds()).containsExactly("T-9");
            assertThat(e.proposedLeadDepartment()).isEqualTo("roads");
            assertThat(e.village()).isEqualTo("nancha");
        });
        assertThat(c.timeline()).extracting(TimelineEntry::action).containsExactly("OPENED");
    }

    @Test
    void aTicketReceivedInTheFutureStartsTheClockNow() {
        Case c = Case.open("T-9", facts("NORMAL", "road"), new Routing("roads", null, "liu"),
                T0.plusSeconds(3600), SlaPolicy7d.terms(), T0).after();
        assertThat(c.deadlines().start()).isEqualTo(T0);
    }

    @Test
    void anEmergencyStartsWithHigherPriority() {
        assertThat(open("fire", "EMERGENCY").priority()).isEqualTo(2);
        assertThat(opened().priority()).isZero();
    }

    @Test
    void mergingATicketAddsItOnceWithoutEvents() {
        CaseChange merged = opened().merge("T-2", T0);
        assertThat(merged.after().ticketIds()).containsExactly("T-1", "T-2");
        assertThat(merged.events()).isEmpty();
        assertThat(merged.after().merge("T-2", T0).changed()).isFalse();
    }

    // ---- SignOff
    @Test
    void confirmsTheProposal() {
        CaseChange change = opened().signOff(SECRETARY, null, null, null, T0.plusSeconds(60));
        assertThat(change.after().state()).isEqualTo(CaseState.DISPATCHED);
        assertThat(change.after().leadDepartment()).isEqualTo("construction");
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseSignedOff.class, e -> {
            assertThat(e.supervisingLeader()).isEqualTo("vice.mayor.liu");
            assertThat(e.signedOffBy()).isEqualTo("wang.shuji");
            assertThat(e.resolutionDueAt()).isEqualTo(opened().deadlines().resolutionDueAt());
        });
    }

    @Test
    void overridesTheProposal() {
        Case c = opened().signOff(SECRETARY, "agriculture", "beitumen", "deputy.chen", T0).after();
        assertThat(c.routing()).isEqualTo(new Routing("agriculture", "beitumen", "deputy.chen"));
    }

    @Test
    void needsALeadDepartmentAndALeader() {
        Case noProposal = Case.open("T-3", facts("NORMAL", "other"), new Routing(null, null, null), T0,
                SlaPolicy7d.terms(), T0).after();
        assertThatThrownBy(() -> noProposal.signOff(SECRETARY, null, null, "liu", T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("leadDepartment"));
        assertThatThrownBy(() -> noProposal.signOff(SECRETARY, "roads", null, " ", T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("supervisingLeader"));
    }

    @Test
    void cannotSignOffTwice() {
        assertThatThrownBy(() -> dispatched().signOff(SECRETARY, null, null, null, T0))
                .isInstanceOfSatisfying(IllegalTransition.class, e -> {
                    assertThat(e.state()).isEqualTo(CaseState.DISPATCHED);
                    assertThat(e.allowed()).contains(CaseAction.ACCEPT, CaseAction.RETURN)
                            .doesNotContain(CaseAction.SIGN_OFF);
                    assertThat(e.getMessage()).contains("DISPATCHED", "ACCEPT");
                });
    }

    // ---- LeadDepartment
    @Test
    void acceptsADispatchedCase() {
        CaseChange change = dispatched().accept(CONSTRUCTION, T0);
        assertThat(change.after().state()).isEqualTo(CaseState.ACCEPTED);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseAccepted.class,
                e -> assertThat(e.department()).isEqualTo("construction"));
    }

    @Test
    void cannotAcceptBeforeSignOff() {
        assertThatThrownBy(() -> opened().accept(CONSTRUCTION, T0)).isInstanceOf(IllegalTransition.class)
                .hasMessageContaining("AWAITING_SIGN_OFF").hasMessageContaining("SIGN_OFF");
    }

    @Test
    void returnsTheCaseToSignOffWithAReasonAndCountsIt() {
        CaseChange change = accepted().returnToSignOff(CONSTRUCTION, "not our remit", T0);
        Case c = change.after();
        assertThat(c.state()).isEqualTo(CaseState.AWAITING_SIGN_OFF);
        assertThat(c.returns()).isEqualTo(1);
        assertThat(c.routing()).isNull();
        assertThat(c.proposal().leadDepartment()).isEqualTo("construction");
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseReturned.class,
                e -> assertThat(e.reason()).isEqualTo("not our remit"));
        assertThatThrownBy(() -> accepted().returnToSignOff(CONSTRUCTION, "  ", T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("reason"));
    }

    @Test
    void contactStartsWorkAndStopsTheFirstContactClock() {
        CaseChange change = accepted().contact(CONSTRUCTION, "phoned", T0);
        assertThat(change.after().state()).isEqualTo(CaseState.IN_PROGRESS);
        assertThat(change.after().deadlines().contacted()).isTrue();
        assertThat(change.events()).singleElement().isInstanceOf(ComplainantContacted.class);
    }

    @Test
    void cannotResolveBeforeContactingTheComplainant() {
        assertThatThrownBy(() -> accepted().resolve(CONSTRUCTION, "done", null, T0))
                .isInstanceOfSatisfying(IllegalTransition.class,
                        e -> assertThat(e.state()).isEqualTo(CaseState.ACCEPTED));
    }

    @Test
    void resolvesAfterContact() {
        CaseChange change = inProgress().resolve(CONSTRUCTION, "pipe fixed", null, T0);
        assertThat(change.after().state()).isEqualTo(CaseState.RESOLVED);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseResolved.class,
                e -> assertThat(e.resolution()).isEqualTo("pipe fixed"));
    }

    @Test
    void aGridWorkersReportClosesWhenResolvedAsNobodyCallsBack() {
        CaseFacts grid = new CaseFacts("GRID", "REPORT", "drainage", "NORMAL", false, "blocked culvert on patrol",
                "Nancha east lane", "nancha", null, null);
        Case open = Case.open("GR-1", grid, new Routing("construction", "nancha", "vice.mayor.liu"), T0,
                SlaPolicy.defaults().termsFor("NORMAL", null, "drainage"), T0).after();
        assertThat(open.awaitsCallBack()).isFalse();
        Case contacted = open.signOff(SECRETARY, null, null, null, T0.plusSeconds(60)).after()
                .accept(CONSTRUCTION, T0.plusSeconds(120)).after()
                .contact(CONSTRUCTION, "met the grid worker on site", T0.plusSeconds(180)).after();

        CaseChange change = contacted.resolve(CONSTRUCTION, "culvert cleared", null, T0.plusSeconds(240));

        assertThat(change.after().state()).isEqualTo(CaseState.CLOSED);
        assertThat(change.events()).hasSize(2);
        assertThat(change.events().get(0)).isInstanceOf(CaseResolved.class);
        assertThat(change.events().get(1)).isInstanceOfSatisfying(CaseClosed.class, e -> {
            assertThat(e.outcome()).isEqualTo(CaseOutcome.RESOLVED);
            assertThat(e.satisfaction()).isNull();
        });
        assertThat(change.after().timeline()).extracting(TimelineEntry::action).endsWith("RESOLVED", "CLOSED");
        assertThat(resolved().state()).as("a 12345 case waits for the city's call-back").isEqualTo(CaseState.RESOLVED);
    }

    @Test
    void notesGoOnTheTimelineWithoutEvents() {
        CaseChange change = inProgress().note(CONSTRUCTION, "parts ordered", T0);
        assertThat(change.events()).isEmpty();
        assertThat(change.after().timeline().getLast()).isEqualTo(
                new TimelineEntry(T0, "dept-construction", "NOTE", "parts ordered"));
    }

    // ---- Satisfaction_
    @Test
    void satisfiedClosesTheCase() {
        CaseChange change = resolved().rate("m1", Satisfaction.SATISFIED, null, WINDOW, T0.plus(Duration.ofDays(1)));
        assertThat(change.after().state()).isEqualTo(CaseState.CLOSED);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseClosed.class, e -> {
            assertThat(e.outcome()).isEqualTo(CaseOutcome.RESOLVED);
            assertThat(e.satisfaction()).isEqualTo("SATISFIED");
            assertThat(e.ticketIds()).containsExactly("T-1");
        });
    }

    @Test
    void unsatisfiedWithinTheWindowReopensWithFreshDeadlines() {
        var at = T0.plus(Duration.ofDays(2));
        CaseChange change = resolved().rate("m1", Satisfaction.UNSATISFIED, "still dripping", WINDOW, at);
        Case c = change.after();
        assertThat(c.state()).isEqualTo(CaseState.REOPENED);
        assertThat(c.reopens()).isEqualTo(1);
        assertThat(c.deadlines().generation()).isEqualTo(2);
        assertThat(c.deadlines().resolutionDueAt()).isEqualTo(at.plus(Duration.ofDays(7)));
        assertThat(c.deadlines().contacted()).isFalse();
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseReopened.class,
                e -> assertThat(e.reason()).contains("still dripping"));
        assertThat(c.contact(CONSTRUCTION, null, at).after().state()).isEqualTo(CaseState.IN_PROGRESS);
    }

    @Test
    void unsatisfiedAfterTheWindowCloses() {
        CaseChange change = resolved().rate("m1", Satisfaction.UNSATISFIED, null, WINDOW,
                T0.plus(Duration.ofDays(30)));
        assertThat(change.after().state()).isEqualTo(CaseState.CLOSED);
        assertThat(change.after().satisfaction()).isEqualTo("UNSATISFIED");
    }

    @Test
    void theSameCallBackTwiceChangesNothing() {
        Case reopened = resolved().rate("m1", Satisfaction.UNSATISFIED, null, WINDOW, T0.plus(Duration.ofDays(1))).after();
        CaseChange again = reopened.rate("m1", Satisfaction.UNSATISFIED, null, WINDOW, T0.plus(Duration.ofDays(1)));
        assertThat(again.changed()).isFalse();
        assertThat(again.events()).isEmpty();
    }

    @Test
    void aCallBackBeforeResolutionIsIllegal() {
        assertThatThrownBy(() -> inProgress().rate("m1", Satisfaction.SATISFIED, null, WINDOW, T0))
                .isInstanceOf(IllegalTransition.class);
    }

    // ---- Urges
    @Test
    void eachUrgeCountsOnceAndRaisesPriority() {
        Case c = accepted().urge("u1", "caller again", T0).after();
        c = c.urge("u1", "caller again", T0).after();
        c = c.urge("u2", null, T0).after();
        assertThat(c.urges()).isEqualTo(2);
        assertThat(c.priority()).isEqualTo(2);
        assertThat(c.timeline()).extracting(TimelineEntry::action).filteredOn("URGED"::equals).hasSize(2);
    }

    @Test
    void aClosedCaseCannotBeUrged() {
        Case closed = resolved().rate("m", Satisfaction.SATISFIED, null, WINDOW, T0).after();
        assertThatThrownBy(() -> closed.urge("u1", null, T0)).isInstanceOfSatisfying(IllegalTransition.class,
                e -> assertThat(e.allowed()).isEmpty());
    }

    // ---- Whistle
    @Test
    void summonsAgenciesWhoReportInAndBecomeCoHandlers() {
        CaseChange blown = accepted().whistle(CONSTRUCTION, List.of("police", "market-supervision", "police"),
                "illegal digging", T0.plusSeconds(7200), T0);
        assertThat(blown.events()).singleElement().isInstanceOfSatisfying(WhistleBlown.class,
                e -> assertThat(e.agencies()).containsExactly("police", "market-supervision"));
        CaseChange reported = blown.after().reportIn(POLICE, "police", T0.plusSeconds(600));
        assertThat(reported.events()).singleElement().isInstanceOf(AgencyReportedIn.class);
        assertThat(reported.after().coHandlers()).containsExactly("police");
        assertThatThrownBy(() -> reported.after().reportIn(POLICE, "police", T0))
                .isInstanceOf(InvalidCommand.class);
    }

    @Test
    void anAgencyThatMissesTheDeadlineIsOverdueOnce() {
        Case c = accepted().whistle(CONSTRUCTION, List.of("police", "market-supervision"), "digging",
                T0.plusSeconds(7200), T0).after().reportIn(POLICE, "police", T0.plusSeconds(60)).after();
        assertThat(c.nextTimerAt()).isEqualTo(T0.plusSeconds(7200));
        CaseChange fired = c.fireDue(T0.plusSeconds(7201));
        assertThat(fired.events()).filteredOn(ReportInOverdue.class::isInstance).singleElement()
                .isInstanceOfSatisfying(ReportInOverdue.class, e -> assertThat(e.agency()).isEqualTo("market-supervision"));
        assertThat(fired.after().fireDue(T0.plusSeconds(7300)).events()).isEmpty();
        // a late agency may still report in
        assertThat(fired.after().reportIn(POLICE, "market-supervision", T0.plusSeconds(8000)).after().coHandlers())
                .containsExactly("police", "market-supervision");
    }

    @Test
    void rejectsAPastDeadlineAndAnEmptyList() {
        assertThatThrownBy(() -> accepted().whistle(CONSTRUCTION, List.of("x"), "r", T0, T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("reportInDueAt"));
        assertThatThrownBy(() -> accepted().whistle(CONSTRUCTION, List.of(" "), "r", T0.plusSeconds(5), T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("agencies"));
    }

    @Test
    void notBeforeAcceptance() {
        assertThatThrownBy(() -> dispatched().whistle(CONSTRUCTION, List.of("x"), "r", T0.plusSeconds(5), T0))
                .isInstanceOf(IllegalTransition.class);
    }

    // ---- Deadlines_
    @Test
    void warnsAtEachFractionThenBreachesAndEscalatesToTheLeaderEachOnce() {
        Case c = dispatched(); // general: contact 24h, resolution 7d, warnings 50% and 80%
        assertThat(c.nextTimerAt()).isEqualTo(T0.plus(Duration.ofHours(12)));
        CaseChange half = c.fireDue(T0.plus(Duration.ofHours(12)));
        assertThat(half.events()).singleElement().isInstanceOfSatisfying(SlaWarning.class, e -> {
            assertThat(e.deadline()).isEqualTo(DeadlineKind.FIRST_CONTACT);
            assertThat(e.fraction()).isEqualTo(0.5);
        });
        assertThat(half.after().fireDue(T0.plus(Duration.ofHours(12))).changed()).isFalse();
        CaseChange breach = half.after().fireDue(T0.plus(Duration.ofHours(25)));
        assertThat(breach.events()).hasSize(2);
        assertThat(breach.events().get(0)).isInstanceOfSatisfying(SlaWarning.class,
                e -> assertThat(e.fraction()).isEqualTo(0.8));
        assertThat(breach.events().get(1)).isInstanceOfSatisfying(SlaBreached.class, e -> {
            assertThat(e.deadline()).isEqualTo(DeadlineKind.FIRST_CONTACT);
            assertThat(e.escalatedTo()).isEqualTo("vice.mayor.liu");
        });
        Case after = breach.after();
        assertThat(after.escalatedTo()).isEqualTo("vice.mayor.liu");
        assertThat(after.breached()).isTrue();
        assertThat(after.priority()).isEqualTo(1);
        assertThat(after.fireDue(T0.plus(Duration.ofHours(26))).events()).isEmpty();
        assertThat(after.nextTimerAt()).isEqualTo(T0.plus(Duration.ofHours(84)));
    }

    @Test
    void contactStopsTheFirstContactClockAndResolutionStopsTheOther() {
        Case contacted = accepted().contact(CONSTRUCTION, null, T0.plusSeconds(60)).after();
        assertThat(contacted.nextTimerAt()).isEqualTo(T0.plus(Duration.ofHours(84)));
        Case resolved = contacted.resolve(CONSTRUCTION, "done", null, T0.plusSeconds(120)).after();
        assertThat(resolved.nextTimerAt()).isNull();
        assertThat(resolved.fireDue(T0.plus(Duration.ofDays(30))).events()).isEmpty();
    }

    @Test
    void everyMissedTimerFiresInOrderAfterDowntime() {
        CaseChange all = opened().fireDue(T0.plus(Duration.ofDays(8)));
        assertThat(all.events()).hasSize(6);
        assertThat(all.events().stream().filter(SlaBreached.class::isInstance)).hasSize(2);
        assertThat(all.after().overdue(T0.plus(Duration.ofDays(8)))).isTrue();
        assertThat(all.after().nextTimerAt()).isNull();
    }

    @Test
    void anEmergencyGetsTwoHours() {
        Case c = open("gas leak", "EMERGENCY");
        assertThat(c.deadlines().rule()).isEqualTo("emergency");
        assertThat(c.deadlines().resolutionDueAt()).isEqualTo(T0.plus(Duration.ofHours(2)));
    }

    // ---- HandDown_
    @Test
    void needsAReasonAndAThreeStepPlan() {
        assertThatThrownBy(() -> inProgress().handDown(CONSTRUCTION, "untrue", List.of("remind"), T0))
                .isInstanceOfSatisfying(InvalidCommand.class, e -> assertThat(e.field()).isEqualTo("plan"));
    }

    @Test
    void handsDownToTheVillageThenResolvesWhenEldersVillagersAndMediationConclude() {
        Case c = handedDown();
        assertThat(c.state()).isEqualTo(CaseState.HANDED_DOWN);
        assertThat(c.nextTimerAt()).isNull();
        CaseChange elders = c.recordElderReview("r1", "UNREASONABLE", T0);
        assertThat(elders.events()).isEmpty();
        assertThat(elders.after().recordElderReview("r1", "UNREASONABLE", T0).changed()).isFalse();
        Case villagers = elders.after().recordVillagersReview("v1", false, 4.5, T0).after();
        assertThat(villagers.state()).isEqualTo(CaseState.HANDED_DOWN);
        CaseChange mediation = villagers.recordMediation("f1", true, "agreement: 3 terms", T0);
        assertThat(mediation.after().state()).isEqualTo(CaseState.RESOLVED);
        assertThat(mediation.after().converted()).isTrue();
        assertThat(mediation.events()).singleElement().isInstanceOfSatisfying(CaseResolved.class,
                e -> assertThat(e.converted()).isTrue());
        assertThat(mediation.after().recordMediation("f1", true, "again", T0).events()).isEmpty();
        CaseChange closed = mediation.after().rate("m", Satisfaction.BASICALLY_SATISFIED, null, WINDOW, T0);
        assertThat(closed.events()).singleElement().isInstanceOfSatisfying(CaseClosed.class, e -> {
            assertThat(e.outcome()).isEqualTo(CaseOutcome.HANDED_DOWN);
            assertThat(e.converted()).isTrue();
        });
    }

    @Test
    void theHandDownEventCarriesThePlanAndHidesAConfidentialComplainant() {
        CaseChange change = inProgress().handDown(CONSTRUCTION, "untrue", List.of("a", "b", "c"), T0);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseHandedDown.class, e -> {
            assertThat(e.village()).isEqualTo("nancha");
            assertThat(e.plan()).isEqualTo("1. a; 2. b; 3. c");
            assertThat(e.complainantName()).isEqualTo("Zhang San");
        });
    }

    @Test
    void outcomesForACaseNeverHandedDownAreIgnored() {
        assertThat(inProgress().recordMediation("f1", true, "x", T0).changed()).isFalse();
    }

    @Test
    void notConvertedWhenMediationFailsAndVillagersSayNo() {
        Case c = handedDown().recordElderReview("r", "UNREASONABLE", T0).after()
                .recordMediation("f", false, "failed", T0).after()
                .recordVillagersReview("v", false, 2.0, T0).after();
        assertThat(c.state()).isEqualTo(CaseState.RESOLVED);
        assertThat(c.converted()).isFalse();
    }

    // ---- EscalateAndWithdraw
    @Test
    void escalatesUpWithAReasonAndClosesAsEscalated() {
        CaseChange up = inProgress().escalateUp(SECRETARY, "needs the district", T0);
        assertThat(up.after().state()).isEqualTo(CaseState.ESCALATED_UP);
        assertThat(up.events()).singleElement().isInstanceOf(CaseEscalatedUp.class);
        Case closed = up.after().resolve(SECRETARY, "district settled it", null, T0).after()
                .rate("m", Satisfaction.SATISFIED, null, WINDOW, T0).after();
        assertThat(closed.outcome()).isEqualTo(CaseOutcome.ESCALATED_UP);
    }

    @Test
    void withdrawingTheOnlyTicketClosesTheCase() {
        CaseChange change = accepted().withdraw("w1", "T-1", "sorted myself", T0);
        assertThat(change.after().state()).isEqualTo(CaseState.CLOSED);
        assertThat(change.events()).singleElement().isInstanceOfSatisfying(CaseClosed.class,
                e -> assertThat(e.outcome()).isEqualTo(CaseOutcome.WITHDRAWN));
    }

    @Test
    void withdrawingOneOfTwoTicketsKeepsTheCase() {
        Case c = accepted().merge("T-2", T0).after().withdraw("w1", "T-2", null, T0).after();
        assertThat(c.state()).isEqualTo(CaseState.ACCEPTED);
        assertThat(c.ticketIds()).containsExactly("T-1");
    }

    /** Terms of the default "general" rule. */
    static final class SlaPolicy7d {
        static DeadlineTerms terms() {
            return new DeadlineTerms("general", Duration.ofHours(24), Duration.ofDays(7), List.of(0.5, 0.8));
        }
    }
}
