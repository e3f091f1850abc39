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
    static final Officer CONSTRUCTION = new Officer("dept-construction", Set.of("department"), "construction", null, null);
    static final Officer AGRICULTURE = new Officer("dept-agriculture", Set.of("department"), "agriculture", null, null);
    static final Officer POLICE = new Officer("police.desk", Set.of("agency"), null, "police", null);
    static final Officer CADRE = new Officer("cadre", Set.of("village-cadre"), null, null, "nancha");

    private Cases() {
    }

    static CaseFacts facts(String urgency, String category) {
        return new CaseFacts("HOTLINE_12345", "COMPLAINT", category, urgency, false, "no water since Monday",
                "Nancha No. 3", "nancha", "Zhang San", "138****0000");
    }

    static Case opened() {
        return open("general", "NORMAL");
    }

    static Case open(String category, String urgency) {
        DeadlineTerms terms = SlaPolicy.defaults().termsFor(urgency, null, category);
        return Case.open("T-1", facts(urgency, category), new Routing("construction", "nancha", "vice.mayor.liu"),
                T0, terms, T0).after();
    }

    static Case dispatched() {
        return opened().signOff(SECRETARY, null, null, null, T0.plusSeconds(60)).after();
    }

    static Case accepted() {
        return dispatched().accept(CONSTRUCTION, T0.plusSeconds(120)).after();
    }

    static Case inProgress() {
        return accepted().contact(CONSTRUCTION, "called", T0.plusSeconds(180)).after();
    }

    static Case resolved() {
        return inProgress().resolve(CONSTRUCTION, "pipe fixed", null, T0.plus(Duration.ofHours(5))).after();
    }

    static Case handedDown() {
        return inProgress().handDown(CONSTRUCTION, "unreasonable demand", List.of("remind", "home visit", "hand down"),
                T0.plus(Duration.ofHours(1))).after();
    }
}
