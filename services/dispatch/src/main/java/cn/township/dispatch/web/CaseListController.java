package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.caserecord.CaseState;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.persistence.CaseQuery;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.security.AllowedRoles;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/** Lists cases with filters and paging; each caller sees only the cases in their scope. */
@RestController
@RequestMapping("/api/dispatch")
class CaseListController {

    private static final int MAX_PAGE = 200;

    private final CaseRepository cases;
    private final Clock clock;

    CaseListController(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @GetMapping("/cases")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR, CaseAccess.DEPARTMENT,
            CaseAccess.AGENCY, CaseAccess.VILLAGE_CADRE})
    Page list(@RequestParam(required = false) @Nullable List<CaseState> state,
              @RequestParam(required = false) @Nullable String department,
              @RequestParam(required = false) @Nullable String village,
              @RequestParam(required = false) @Nullable String agency,
              @RequestParam(required = false) @Nullable Boolean overdue,
              @RequestParam(required = false) @Nullable String urgency,
              @RequestParam(required = false) @Nullable String source,
              @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size,
              Officer officer) {
        if (page < 0) {
            throw new Problems.BadRequest("page", "page must be 0 or more");
        }
        if (size < 1 || size > MAX_PAGE) {
            throw new Problems.BadRequest("size", "size must be between 1 and " + MAX_PAGE);
        }
        CaseQuery q = scoped(new CaseQuery(state, department, village, agency, null, overdue, urgency, source, page,
                size), officer);
        var result = cases.search(q, clock.instant());
        var now = clock.instant();
        return new Page(result.items().stream().map(c -> CaseView.of(c, 0, officer, now)).map(Summary::of).toList(),
                result.page(), result.size(), result.total());
    }

    @GetMapping("/sign-off-queue")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR})
    Page signOffQueue(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size,
                      Officer officer) {
        return list(List.of(CaseState.AWAITING_SIGN_OFF), null, null, null, null, null, null, page, size, officer);
    }

    /**
     * The township and assessors see everything; others only their own unit, whatever they ask for: a
     * department the cases it leads or was summoned to, an agency the cases it was summoned to, a village
     * cadre its village's cases. Other roles list nothing (403).
     */
    static CaseQuery scoped(CaseQuery q, Officer o) {
        if (CaseAccess.seesAll(o)) {
            return q;
        }
        if (o.has(CaseAccess.DEPARTMENT) && o.department() != null) {
            return new CaseQuery(q.states(), null, q.village(), q.agency(), o.department(), q.overdue(), q.urgency(),
                    q.source(), q.page(), q.size());
        }
        if (o.has(CaseAccess.AGENCY) && o.agency() != null) {
            return new CaseQuery(q.states(), q.department(), q.village(), o.agency(), null, q.overdue(), q.urgency(),
                    q.source(), q.page(), q.size());
        }
        if (o.has(CaseAccess.VILLAGE_CADRE) && o.village() != null) {
            return new CaseQuery(q.states(), q.department(), o.village(), q.agency(), null, q.overdue(), q.urgency(),
                    q.source(), q.page(), q.size());
        }
        throw new Problems.Forbidden("your role may not list cases");
    }

    record Page(List<Summary> items, int page, int size, long total) {
    }

    /** A line of the case list. */
    record Summary(String id, CaseState state, String category, String urgency, int priority, String source,
                   @Nullable String leadDepartment, @Nullable String village, List<String> ticketIds,
                   java.time.Instant resolutionDueAt, long remainingSeconds, boolean overdue, int urges, int returns,
                   List<String> coHandlers) {
        static Summary of(CaseView v) {
            return new Summary(v.id(), v.state(), v.category(), v.urgency(), v.priority(), v.source(),
                    v.routing() == null ? null : v.routing().leadDepartment(), v.village(), v.ticketIds(),
                    v.deadlines().resolutionDueAt(), v.deadlines().remainingSeconds(), v.deadlines().overdue(),
                    v.urges(), v.returns(), v.coHandlers());
        }
    }
}
