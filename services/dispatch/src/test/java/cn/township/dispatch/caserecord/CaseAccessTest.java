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
        assertThat(CaseAccess.canView(c, WATER_DEPT)).isTrue();
        assertThat(CaseAccess.canDo(c, WATER_DEPT, CaseAction.ACCEPT)).isTrue();
        assertThat(CaseAccess.canView(c, OTHER_DEPT)).isFalse();
        assertThat(CaseAccess.canDo(c, OTHER_DEPT, CaseAction.ACCEPT)).isFalse();
        assertThat(CaseAccess.canView(opened(), WATER_DEPT)).as("not before sign-off").isFalse();
    }

    @Test
    void onlyTheSecretarySignsOff() {
        assertThat(CaseAccess.canDo(opened(), SECRETARY, CaseAction.SIGN_OFF)).isTrue();
        assertThat(CaseAccess.canDo(opened(), WATER_DEPT, CaseAction.SIGN_OFF)).isFalse();
    }

    @Test
    void anAgencySeesTheCaseOnceSummonedAndActsOnceReportedIn() {
        Case summoned = accepted().whistle(WATER_DEPT, List.of("police-station"), "r",
                Instant.parse("2026-06-01T00:00:00Z"), T0).after();
        assertThat(CaseAccess.canView(accepted(), POLICE)).isFalse();
        assertThat(CaseAccess.canView(summoned, POLICE)).isTrue();
        assertThat(CaseAccess.canDo(summoned, POLICE, CaseAction.CONTACT)).isFalse();
        Case reported = summoned.reportIn(POLICE, "police-station", T0).after();
        assertThat(CaseAccess.canDo(reported, POLICE, CaseAction.CONTACT)).isTrue();
        assertThat(CaseAccess.canDo(reported, POLICE, CaseAction.RESOLVE)).isFalse();
    }

    @Test
    void aVillageCadreSeesItsVillage() {
        assertThat(CaseAccess.canView(opened(), CADRE)).isTrue();
        Officer other = new Officer("x", java.util.Set.of("village-cadre"), null, null, "xishan");
        assertThat(CaseAccess.canView(opened(), other)).isFalse();
    }
}
