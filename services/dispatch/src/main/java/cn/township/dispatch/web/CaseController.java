package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.caserecord.CaseAction;
import cn.township.dispatch.caserecord.CaseChange;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.caserecord.TimelineEntry;
import cn.township.dispatch.casework.CaseWork;
import cn.township.dispatch.persistence.StoredCase;
import cn.township.security.AllowedRoles;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One case: read it (with its version as ETag) and act on it. Each command may carry {@code If-Match} with
 * the version the officer saw; a stale one, or a concurrent change, is a 409.
 */
@RestController
@RequestMapping(path = "/api/dispatch/cases/{id}")
class CaseController {

    private final CaseWork work;
    private final Clock clock;

    CaseController(CaseWork work, Clock clock) {
        this.work = work;
        this.clock = clock;
    }

    @GetMapping
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR, CaseAccess.DEPARTMENT,
            CaseAccess.AGENCY, CaseAccess.VILLAGE_CADRE})
    ResponseEntity<CaseView> get(@PathVariable String id, Officer officer) {
        return view(work.view(id, officer), officer);
    }

    @GetMapping("/timeline")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.ASSESSOR, CaseAccess.DEPARTMENT,
            CaseAccess.AGENCY, CaseAccess.VILLAGE_CADRE})

    List<TimelineEntry> timeline(@PathVariable String id, Officer officer) {
        return work.view(id, officer).value().timeline();
    }

    @PostMapping("/sign-off")
    @AllowedRoles(CaseAccess.SECRETARY)

    ResponseEntity<CaseView> signOff(@PathVariable String id, @RequestBody(required = false) Commands.@Nullable SignOff body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        Commands.SignOff b = body != null ? body : new Commands.SignOff(null, null, null);
        return act(id, officer, CaseAction.SIGN_OFF, ifMatch, (c, now) -> c.signOff(officer, b.leadDepartment(),
                b.responsibleVillage(), b.supervisingLeader(), now));
    }

    @PostMapping("/accept")
    @AllowedRoles(CaseAccess.DEPARTMENT)

    ResponseEntity<CaseView> accept(@PathVariable String id,
                                    @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.ACCEPT, ifMatch, (c, now) -> c.accept(officer, now));
    }

    @PostMapping("/return")
    @AllowedRoles(CaseAccess.DEPARTMENT)

    ResponseEntity<CaseView> returnCase(@PathVariable String id, @RequestBody Commands.Reason body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.RETURN, ifMatch, (c, now) -> c.returnToSignOff(officer, body.reason(), now));
    }

    @PostMapping("/contact")
    @AllowedRoles({CaseAccess.DEPARTMENT, CaseAccess.AGENCY})

    ResponseEntity<CaseView> contact(@PathVariable String id, @RequestBody(required = false) Commands.@Nullable Note body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.CONTACT, ifMatch,
                (c, now) -> c.contact(officer, body == null ? null : body.note(), now));
    }

    @PostMapping("/notes")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.DEPARTMENT,
            CaseAccess.AGENCY, CaseAccess.VILLAGE_CADRE})

    ResponseEntity<CaseView> note(@PathVariable String id, @RequestBody Commands.Note body,
                                  @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.NOTE, ifMatch, (c, now) -> c.note(officer, body.note(), now));
    }

    @PostMapping("/whistle")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.DEPARTMENT})

    ResponseEntity<CaseView> whistle(@PathVariable String id, @RequestBody Commands.Whistle body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.WHISTLE, ifMatch,
                (c, now) -> c.whistle(officer, body.agencies(), body.reason(), body.reportInDueAt(), now));
    }

    @PostMapping("/report-in")
    @AllowedRoles({CaseAccess.DEPARTMENT, CaseAccess.AGENCY})

    ResponseEntity<CaseView> reportIn(@PathVariable String id,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.REPORT_IN, ifMatch,
                (c, now) -> c.reportIn(officer, CaseAccess.summonableUnit(officer), now));
    }

    @PostMapping("/hand-down")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.DEPARTMENT})

    ResponseEntity<CaseView> handDown(@PathVariable String id, @RequestBody Commands.HandDown body,
                                      @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.HAND_DOWN, ifMatch,
                (c, now) -> c.handDown(officer, body.reason(), body.plan(), now));
    }

    @PostMapping("/escalate-up")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER})

    ResponseEntity<CaseView> escalateUp(@PathVariable String id, @RequestBody Commands.Reason body,
                                        @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.ESCALATE_UP, ifMatch, (c, now) -> c.escalateUp(officer, body.reason(), now));
    }

    @PostMapping("/resolve")
    @AllowedRoles({CaseAccess.SECRETARY, CaseAccess.DISPATCHER, CaseAccess.DEPARTMENT})

    ResponseEntity<CaseView> resolve(@PathVariable String id, @RequestBody Commands.Resolve body,
                                     @RequestHeader(name = "If-Match", required = false) String ifMatch, Officer officer) {
        return act(id, officer, CaseAction.RESOLVE, ifMatch,
                (c, now) -> c.resolve(officer, body.resolution(), body.converted(), now));
    }

    private ResponseEntity<CaseView> act(String id, Officer officer, CaseAction action, @Nullable String ifMatch,
                                         BiFunction<Case, Instant, CaseChange> decision) {
        return view(work.act(id, officer, action, Versions.parse(ifMatch), decision), officer);
    }

    private ResponseEntity<CaseView> view(StoredCase stored, Officer officer) {
        return ResponseEntity.ok().eTag(Versions.etag(stored.version()))
                .body(CaseView.of(stored.value(), stored.version(), officer, clock.instant()));
    }
}
