package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.caserecord.CaseAction;
import cn.township.dispatch.caserecord.IllegalTransition;
import cn.township.dispatch.caserecord.InvalidCommand;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.casework.CaseNotFound;
import cn.township.dispatch.casework.CaseWork;
import cn.township.dispatch.casework.NotPermitted;
import cn.township.dispatch.casework.VersionConflict;
import cn.township.security.AllowedRoles;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Bulk sign-off (the secretary signs every ticket): each item is signed off on its own; the answer says, per
 * case, whether it was signed off or why not. One failure does not stop the others.
 */
@RestController
@RequestMapping("/api/dispatch/sign-offs")
class SignOffController {

    private static final int MAX_ITEMS = 500;

    private final CaseWork work;

    SignOffController(CaseWork work) {
        this.work = work;
    }

    @PostMapping
    @AllowedRoles(CaseAccess.SECRETARY)
    Result signOff(@RequestBody Commands.BulkSignOff body, Officer officer) {
        if (body.items() == null || body.items().isEmpty()) {
            throw new InvalidCommand("items", "items must list at least one case");
        }
        if (body.items().size() > MAX_ITEMS) {
            throw new InvalidCommand("items", "at most " + MAX_ITEMS + " cases at once");
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (var item : body.items()) {
            if (item == null || item.caseId() == null || item.caseId().isBlank()) {
                throw new InvalidCommand("items[].caseId", "every item names a caseId");
            }
        }
        for (var item : body.items()) {
            outcomes.add(one(item, officer));
        }
        return new Result(outcomes.stream().filter(o -> o.status().equals("SIGNED_OFF")).count(), outcomes);
    }

    private Outcome one(Commands.BulkSignOff.Item item, Officer officer) {
        try {
            var stored = work.act(item.caseId(), officer, CaseAction.SIGN_OFF, item.version(), (c, now) -> c.signOff(
                    officer, item.leadDepartment(), item.responsibleVillage(), item.supervisingLeader(), now));
            return new Outcome(item.caseId(), "SIGNED_OFF", stored.version(), null);
        } catch (IllegalTransition | InvalidCommand | VersionConflict | CaseNotFound | NotPermitted e) {
            return new Outcome(item.caseId(), "REJECTED", null, e.getMessage());
        }
    }

    record Result(long signedOff, List<Outcome> items) {
    }

    record Outcome(String caseId, String status, @Nullable Long version, @Nullable String detail) {
    }
}
