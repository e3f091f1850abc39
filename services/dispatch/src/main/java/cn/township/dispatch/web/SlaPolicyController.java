package cn.township.dispatch.web;

import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.sla.SlaPolicy;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The SLA policy table in force (it is configured as data under township.dispatch.sla). */
@RestController
class SlaPolicyController {

    private final SlaPolicy policy;

    SlaPolicyController(DispatchProperties properties) {
        this.policy = properties.sla().policy();
    }

    @GetMapping("/api/dispatch/sla-policy")
    SlaPolicy policy(cn.township.dispatch.caserecord.Officer officer) {
        return policy;
    }
}
