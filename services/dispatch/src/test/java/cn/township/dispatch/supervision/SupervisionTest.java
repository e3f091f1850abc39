package cn.township.dispatch.supervision;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseFacts;
import cn.township.dispatch.caserecord.DeadlineTerms;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.caserecord.Routing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SupervisionTest {

    static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    static final Officer SECRETARY = new Officer("s", Set.of("secretary"), null, null, null);
    static final Officer DEPT = new Officer("d", Set.of("department"), "water", null, null);
    static final DeadlineTerms TERMS = new DeadlineTerms("general", Duration.ofHours(24), Duration.ofDays(7), List.of(0.5));

    static Case open(String ticket, String department, String village, Instant received) {
        CaseFacts facts = new CaseFacts("HOTLINE_12345", "COMPLAINT", "water", "NORMAL", false, "c", null, village,
                null, null);
        return Case.open(ticket, facts, new Routing(department, village, "leader"), received, TERMS, received).after()
                .signOff(SECRETARY, null, null, null, received).after();
    }

    @Test
    void listsOpenCasesOfTheUnitOverdueFirstWithCounts() {
        Instant now = T0.plus(Duration.ofDays(8));
        Case late = open("T1", "water", "nancha", T0);
        Case fresh = open("T2", "water", "beitumen", now.minus(Duration.ofHours(1))).urge("u1", null, now).after();
        Case returned = open("T3", "water", "nancha", now).accept(DEPT, now).after()
                .returnToSignOff(DEPT, "not ours", now).after();
        Case summoned = open("T4", "roads", "nancha", now).accept(
                new Officer("r", Set.of("department"), "roads", null, null), now).after()
                .whistle(SECRETARY, List.of("police"), "r", now.plusSeconds(60), now).after()
                .fireDue(now.plusSeconds(61)).after();
        List<Case> all = List.of(late, fresh, returned, summoned);

        Digest water = Supervision.digest(all, Digest.Scope.DEPARTMENT, "water", now);
        assertThat(water.open()).isEqualTo(2);
        assertThat(water.cases().getFirst().caseId()).isEqualTo(late.id());
        assertThat(water.overdue()).isEqualTo(1);
        assertThat(water.urged()).isEqualTo(1);

        Digest village = Supervision.digest(all, Digest.Scope.VILLAGE, "nancha", now.plusSeconds(61));
        assertThat(village.open()).isEqualTo(3);
        assertThat(village.returned()).isEqualTo(1);
        assertThat(village.lateAgencies()).isEqualTo(1);

        Digest secretary = Supervision.digest(all, Digest.Scope.SECRETARY, null, now);
        assertThat(secretary.open()).isEqualTo(4);
    }
}
