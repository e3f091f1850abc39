package cn.township.mediation.file.web;

import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Phones;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.app.FileAccess;
import cn.township.mediation.file.app.FileService;
import cn.township.security.AllowedRoles;
import cn.township.security.Caller;
import cn.township.security.Roles;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Mediation files: open on request, read, record the three-step method, add parties. */
@RestController
@RequestMapping("/api/mediation/files")
class FileController {

    private final FileService files;
    private final Clock clock;

    FileController(FileService files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    @PostMapping
    @AllowedRoles(Roles.MEDIATOR)
    ResponseEntity<FileView> open(Caller caller, @Valid @RequestBody FileRequests.OpenFile body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        if (body.parties().stream().noneMatch(p -> p.role() == PartyRole.COMPLAINANT)) {
            throw new InvalidField("parties", "a file needs a complainant among its parties");
        }
        if (body.parties().stream().map(FileRequests.PartyInput::name).distinct().count() != body.parties().size()) {
            throw new InvalidField("parties", "party names must be unique within a file");
        }
        List<Party> parties = body.parties().stream().map(FileController::party).toList();
        var opened = files.openOnRequest(caller.username(), body.caseId(), body.village(), body.disputeType(), parties,
                Boolean.TRUE.equals(body.confidential()), body.plan(), key);
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(FileView.of(caller, opened.file()));
    }

    /**
     * Files newest first. Secretary, dispatcher, assessor and mediators see every village (or the one asked for);
     * a cadre or elder their village's (asking for another village is refused); a villager their household's.
     */
    @GetMapping
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER, Roles.VILLAGER})
    List<FileView> list(Caller caller, @RequestParam(required = false) @Nullable String village,
                        @RequestParam(defaultValue = "50") int limit) {
        String scope = village;
        String household = null;
        if (!FileAccess.readsAll(caller)) {
            String own = FileAccess.villageScope(caller);
            household = own == null ? FileAccess.householdScope(caller) : null;
            if (village != null && !village.equals(caller.village())) {
                throw new AccessDeniedException("the files of village " + village + " are not the caller's ("
                        + (caller.village() == null ? "none" : caller.village()) + ")");
            }
            if (own == null && household == null) {
                return List.of();
            }
            scope = own;
        }
        return files.list(scope, household, Math.clamp(limit, 1, 200)).stream()
                .filter(f -> FileAccess.canRead(caller, f)).map(f -> FileView.of(caller, f)).toList();
    }

    @GetMapping("/{id}")
    @AllowedRoles({Roles.SECRETARY, Roles.DISPATCHER, Roles.ASSESSOR, Roles.MEDIATOR, Roles.VILLAGE_CADRE,
            Roles.ELDER, Roles.VILLAGER})
    FileView get(Caller caller, @PathVariable String id) {
        return FileView.of(caller, FileAccess.readable(caller, files.get(id)));
    }

    @PostMapping("/{id}/steps")
    @AllowedRoles(Roles.MEDIATOR)
    FileView step(Caller caller, @PathVariable String id, @Valid @RequestBody FileRequests.RecordStep body) {
        Instant now = clock.instant();
        Instant at = body.at() == null ? now : body.at();
        if (at.isAfter(now.plusSeconds(60))) {
            throw new InvalidField("at", "a step is recorded after it happened, not in the future");
        }
        MediationFile file = files.recordStep(id, new Step(body.kind(), body.who(), at, body.said(), caller.username()));
        return FileView.of(caller, file);
    }

    @PostMapping("/{id}/parties")
    @AllowedRoles(Roles.MEDIATOR)
    ResponseEntity<FileView> addParty(Caller caller, @PathVariable String id,
                                      @Valid @RequestBody FileRequests.PartyInput body) {
        return ResponseEntity.status(HttpStatus.CREATED).body(FileView.of(caller, files.addParty(id, party(body))));
    }

    private static Party party(FileRequests.PartyInput p) {
        return new Party(p.role(), p.name().strip(), Phones.mask(p.phone()), p.household());
    }
}
