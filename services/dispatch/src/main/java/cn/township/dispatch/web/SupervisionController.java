package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.dispatch.supervision.Digest;
import cn.township.dispatch.supervision.Supervision;
import cn.township.security.AllowedRoles;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * The supervision digest: the secretary's (every open case), a department's (the cases it leads), or a
 * village's. The secretary, dispatchers and assessors read any; a department or village cadre always gets its
 * own, whatever it asks for; other roles none (403). Digest lines carry no complainant.
 */
@RestController
class SupervisionController {

    private final CaseRepository cases;
    private final Clock clock;

    SupervisionController(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    @GetMapping("/api/dispatch/supervision/digest")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR, CaseAccess.DEPARTMENT,
            CaseAccess.VILLAGE_CADRE})
    Digest digest(@RequestParam(defaultValue = "SECRETARY") Digest.Scope scope,
                  @RequestParam(required = false) @Nullable String unit, Officer officer) {
        Digest.Scope s = scope;
        String u = unit;
        if (!CaseAccess.seesAll(officer)) {
            if (officer.has(CaseAccess.DEPARTMENT) && officer.department() != null) {
                s = Digest.Scope.DEPARTMENT;
                u = officer.department();
            } else if (officer.has(CaseAccess.VILLAGE_CADRE) && officer.village() != null) {
                s = Digest.Scope.VILLAGE;
                u = officer.village();
            } else {
                throw new Problems.Forbidden("your role has no supervision digest");
            }
        }
        if (s != Digest.Scope.SECRETARY && (u == null || u.isBlank())) {
            throw new Problems.BadRequest("unit", "a " + s + " digest names its unit");
        }
        List<Case> open = new ArrayList<>();
        cases.forEachOpen(open::add);
        return Supervision.digest(open, s, s == Digest.Scope.SECRETARY ? null : u, clock.instant());
    }
}
