package cn.township.dispatch.web;

import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.sla.SlaPolicy;
import cn.township.security.AllowedRoles;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The SLA policy table in force (data under township.dispatch.sla), for the roles that work cases. */
@RestController
class SlaPolicyController {

    private final SlaPolicy policy;

    SlaPolicyController(DispatchProperties properties) {
        this.policy = properties.sla().policy();
    }

    @GetMapping("/api/dispatch/sla-policy")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR, CaseAccess.DEPARTMENT,
            CaseAccess.AGENCY, CaseAccess.VILLAGE_CADRE})
    SlaPolicy policy() {
        return policy;
    }
}
