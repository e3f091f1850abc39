package cn.township.dispatch.caserecord;

import cn.township.dispatch.sla.SlaPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Test data: cases in each state, and the officers who act on them. */
final class Cases {

    static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    static final Officer SECRETARY = new Officer("wang.shuji", Set.of("secretary"), null, null, null);
    static final Officer WATER_DEPT = new Officer("li.officer", Set.of("department"), "water-affairs", null, null);
    static final Officer OTHER_DEPT = new Officer("zhao.officer", Set.of("department"), "planning", null, null);
    static final Officer POLICE = new Officer("police.desk", Set.of("agency"), null, "police-station", null);
    static final Officer CADRE = new Officer("cadre", Set.of("village-cadre"), null, null, "dongshan");

    private Cases() {
    }

    static CaseFacts facts(String urgency, String category) {
        return new CaseFacts("HOTLINE_12345", "COMPLAINT", category, urgency, false, "no water since Monday",
                "Dongshan No. 3", "dongshan", "Zhang San", "138****0000");
    }

    static Case opened() {
        return open("general", "NORMAL");
    }

    static Case open(String category, String urgency) {
        DeadlineTerms terms = SlaPolicy.defaults().termsFor(urgency, null, category);
        return Case.open("T-1", facts(urgency, category), new Routing("water-affairs", "dongshan", "vice.mayor.liu"),
                T0, terms, T0).after();
    }

    static Case dispatched() {
        return opened().signOff(SECRETARY, null, null, null, T0.plusSeconds(60)).after();
    }

    static Case accepted() {
        return dispatched().accept(WATER_DEPT, T0.plusSeconds(120)).after();
    }

    static Case inProgress() {
        return accepted().contact(WATER_DEPT, "called", T0.plusSeconds(180)).after();
    }

    static Case resolved() {
        return inProgress().resolve(WATER_DEPT, "pipe fixed", null, T0.plus(Duration.ofHours(5))).after();
    }

    static Case handedDown() {
        return inProgress().handDown(WATER_DEPT, "unreasonable demand", List.of("remind", "home visit", "hand down"),
                T0.plus(Duration.ofHours(1))).after();
    }
}
