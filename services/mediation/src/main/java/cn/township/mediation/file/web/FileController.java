package cn.township.mediation.file.web;

import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Phones;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.app.FileAccess;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.web.Caller;
import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
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
    ResponseEntity<FileView> open(Caller caller, @Valid @RequestBody FileRequests.OpenFile body,
                                  @RequestHeader(name = "Idempotency-Key", required = false) @Nullable String key) {
        caller.require(Caller.MEDIATOR);
        if (body.parties().stream().noneMatch(p -> p.role() == PartyRole.COMPLAINANT)) {
            throw new InvalidField("parties", "a file needs a complainant among its parties");
        }
        if (body.parties().stream().map(FileRequests.PartyInput::name).distinct().count() != body.parties().size()) {
            throw new InvalidField("parties", "party names must be unique within a file");
        }
        List<Party> parties = body.parties().stream().map(FileController::party).toList();
        var opened = files.openOnRequest(caller.user(), body.caseId(), body.village(), body.disputeType(), parties,
                Boolean.TRUE.equals(body.confidential()), body.plan(), key);
        return ResponseEntity.status(opened.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(FileView.of(caller, opened.file()));
    }

    @GetMapping
    List<FileView> list(Caller caller, @RequestParam(required = false) @Nullable String village,
                        @RequestParam(defaultValue = "50") int limit) {
        String scope = village;
        String household = null;
        if (!caller.township()) {
            if (caller.has("village-cadre") || caller.has("elder")) {
                scope = caller.village();
            } else if (caller.has("villager")) {
                household = caller.household();
                scope = caller.village();
            } else {
                return List.of();
            }
            if (scope == null && household == null) {
                return List.of();
            }
        }
        return files.list(scope, household, Math.clamp(limit, 1, 200)).stream()
                .filter(f -> FileAccess.canRead(caller, f)).map(f -> FileView.of(caller, f)).toList();
    }

    @GetMapping("/{id}")
    FileView get(Caller caller, @PathVariable String id) {
        return FileView.of(caller, FileAccess.readable(caller, files.get(id)));
    }

    @PostMapping("/{id}/steps")
    FileView step(Caller caller, @PathVariable String id, @Valid @RequestBody FileRequests.RecordStep body) {
        caller.require(Caller.MEDIATOR);
        Instant now = clock.instant();
        Instant at = body.at() == null ? now : body.at();
        if (at.isAfter(now.plusSeconds(60))) {
            throw new InvalidField("at", "a step is recorded after it happened, not in the future");
        }
        MediationFile file = files.recordStep(id, new Step(body.kind(), body.who(), at, body.said(), caller.user()));
        return FileView.of(caller, file);
    }

    @PostMapping("/{id}/parties")
    ResponseEntity<FileView> addParty(Caller caller, @PathVariable String id,
                                      @Valid @RequestBody FileRequests.PartyInput body) {
        caller.require(Caller.MEDIATOR);
        return ResponseEntity.status(HttpStatus.CREATED).body(FileView.of(caller, files.addParty(id, party(body))));
    }

    private static Party party(FileRequests.PartyInput p) {
        return new Party(p.role(), p.name().strip(), Phones.mask(p.phone()), p.household());
    }
}
