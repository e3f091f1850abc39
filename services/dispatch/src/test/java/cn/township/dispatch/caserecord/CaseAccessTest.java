package cn.township.dispatch.caserecord;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static cn.township.dispatch.caserecord.Cases.*;
import static org.assertj.core.api.Assertions.assertThat;

class CaseAccessTest {

    @Test
    void aDepartmentSeesAndActsOnlyOnTheCasesItLeads() {
        Case c = dispatched();
        assertThat(CaseAccess.canView(c, CONSTRUCTION)).isTrue();
        assertThat(CaseAccess.canDo(c, CONSTRUCTION, CaseAction.ACCEPT)).isTrue();
        assertThat(CaseAccess.canView(c, AGRICULTURE)).isFalse();
        assertThat(CaseAccess.canDo(c, AGRICULTURE, CaseAction.ACCEPT)).isFalse();
        assertThat(CaseAccess.canView(opened(), CONSTRUCTION)).as("not before sign-off").isFalse();
    }

    @Test
    void onlyTheSecretarySignsOff() {
        assertThat(CaseAccess.canDo(opened(), SECRETARY, CaseAction.SIGN_OFF)).isTrue();
        assertThat(CaseAccess.canDo(opened(), CONSTRUCTION, CaseAction.SIGN_OFF)).isFalse();
    }

    @Test
    void anAgencySeesTheCaseOnceSummonedAndActsOnceReportedIn() {
        Case summoned = accepted().whistle(CONSTRUCTION, List.of("police"), "r",
                Instant.parse("2026-06-01T00:00:00Z"), T0).after();
        assertThat(CaseAccess.canView(accepted(), POLICE)).isFalse();
        assertThat(CaseAccess.canView(summoned, POLICE)).isTrue();
        assertThat(CaseAccess.canDo(summoned, POLICE, CaseAction.CONTACT)).isFalse();
        Case reported = summoned.reportIn(POLICE, "police", T0).after();
        assertThat(CaseAccess.canDo(reported, POLICE, CaseAction.CONTACT)).isTrue();
        assertThat(CaseAccess.canDo(reported, POLICE, CaseAction.RESOLVE)).isFalse();
    }

    @Test
    void aVillageCadreSeesItsVillage() {
        assertThat(CaseAccess.canView(opened(), CADRE)).isTrue();
        Officer other = new Officer("x", java.util.Set.of("village-cadre"), null, null, "beitumen");
        assertThat(CaseAccess.canView(opened(), other)).isFalse();
    }

    @Test
    void aDepartmentSummonedBesideTheLeadSeesTheCaseAndCoHandlesItOnceReportedIn() {
        Case summoned = accepted().whistle(CONSTRUCTION, List.of("agriculture"), "ditch across the road",
                Instant.parse("2026-06-01T00:00:00Z"), T0).after();
        assertThat(CaseAccess.canView(accepted(), AGRICULTURE)).isFalse();
        assertThat(CaseAccess.canView(summoned, AGRICULTURE)).isTrue();
        assertThat(CaseAccess.canDo(summoned, AGRICULTURE, CaseAction.CONTACT)).isFalse();
        assertThat(CaseAccess.summonableUnit(AGRICULTURE)).isEqualTo("agriculture");
        Case reported = summoned.reportIn(AGRICULTURE, "agriculture", T0).after();
        assertThat(CaseAccess.canDo(reported, AGRICULTURE, CaseAction.CONTACT)).isTrue();
        assertThat(CaseAccess.canDo(reported, AGRICULTURE, CaseAction.ACCEPT)).isFalse();
        assertThat(CaseAccess.canDo(reported, AGRICULTURE, CaseAction.RESOLVE)).isFalse();
        assertThat(CaseAccess.canView(summoned, POLICE)).as("an agency of the same name space is not summoned")
                .isFalse();
    }

    @Test
    void rolesOutsideCaseWorkReadNothingAndTheAssessorOnlyReads() {
        for (String role : List.of("grid-worker", "elder", "villager", "mediator", "hotline")) {
            Officer o = new Officer("x", java.util.Set.of(role), null, null, "nancha");
            assertThat(CaseAccess.mayRead(o)).as(role).isFalse();
            assertThat(CaseAccess.canView(opened(), o)).as(role).isFalse();
            for (CaseAction action : CaseAction.values()) {
                assertThat(CaseAccess.mayEver(o, action)).as(role + " " + action).isFalse();
            }
        }
        Officer assessor = new Officer("a", java.util.Set.of("assessor"), null, null, null);
        assertThat(CaseAccess.canView(opened(), assessor)).isTrue();
        for (CaseAction action : CaseAction.values()) {
            assertThat(CaseAccess.mayEver(assessor, action)).as(action.name()).isFalse();
        }
    }

    @Test
    void whatARoleCanDoOnSomeCaseItMayEverDo() {
        Case reported = accepted().whistle(CONSTRUCTION, List.of("police"), "r", Instant.parse("2026-06-01T00:00:00Z"),
                T0).after().reportIn(POLICE, "police", T0).after();
        for (Officer o : List.of(SECRETARY, CONSTRUCTION, AGRICULTURE, POLICE, CADRE)) {
            for (CaseAction action : CaseAction.values()) {
                if (CaseAccess.canDo(reported, o, action) || CaseAccess.canDo(opened(), o, action)) {
                    assertThat(CaseAccess.mayEver(o, action)).as(o.name() + " " + action).isTrue();
                }
            }
        }
    }
}
