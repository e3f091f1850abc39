package cn.township.mediation.file.app;

import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.Change;
import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.NotFound;
import cn.township.mediation.file.Disputes;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.persistence.FileStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

/** Opens mediation files and records the three-step method; every change is one single-document write. */
@Service
public class FileService {

    private static final int ATTEMPTS = 5;

    private final FileStore files;
    private final Clock clock;

    FileService(FileStore files, Clock clock) {
        this.files = files;
        this.clock = clock;
    }

    /** A file opened (now or earlier) and whether this call created it. */
    public record Opened(MediationFile file, boolean created) {
    }

    /**
     * Opens the file of a handed-down case; a replay of the same hand-down finds the file and changes nothing.
     * A confidential case's complainant is not taken over even if the event carried one (dispatch leaves it out):
     * the mediation team works at village level.
     */
    public Opened openFromHandDown(CaseHandedDown e) {
        List<Party> parties = e.complainantName() == null || e.confidential() ? List.of()
                : List.of(new Party(PartyRole.COMPLAINANT, e.complainantName(), e.complainantPhoneMasked(), null));
        String plan = e.plan() + (e.reason().isBlank() ? "" : " (" + e.reason() + ")");
        return open(MediationFile.idForCase(e.caseId()), e.caseId(), e.village(), Disputes.fromCategory(e.category()),
                parties, e.confidential(), plan, "dispatch:" + e.by());
    }

    /**
     * Opens a file on a mediator's request. With a case id the file is the case's; otherwise an idempotency key
     * makes a retried request find the file it already opened.
     */
    public Opened openOnRequest(String by, @Nullable String caseId, String village, DisputeType type,
                                List<Party> parties, boolean confidential, @Nullable String plan,
                                @Nullable String idempotencyKey) {
        String id = caseId != null ? MediationFile.idForCase(caseId)
                : idempotencyKey != null ? "mf-" + UUID.nameUUIDFromBytes((by + "\n" + idempotencyKey)
                .getBytes(StandardCharsets.UTF_8))
                : "mf-" + UUID.randomUUID();
        return open(id, caseId, village, type, parties, confidential, plan, by);
    }

    private Opened open(String id, @Nullable String caseId, String village, DisputeType type, List<Party> parties,
                        boolean confidential, @Nullable String plan, String by) {
        Change<MediationFile> change = MediationFile.open(id, caseId, village, type, parties, confidential, plan, by,
                clock.instant());
        if (files.insert(change.state(), change.events())) {
            return new Opened(get(id), true);
        }
        return new Opened(get(id), false);
    }

    public MediationFile get(String id) {
        return files.find(id).orElseThrow(() -> new NotFound("no mediation file " + id));
    }

    public List<MediationFile> list(@Nullable String village, @Nullable String household, int limit) {
        return files.list(village, household, limit);
    }

    public MediationFile recordStep(String fileId, Step step) {
        return modify(fileId, f -> f.recordStep(step));
    }

    public MediationFile addParty(String fileId, Party party) {
        return modify(fileId, f -> f.withParty(party));
    }

    /** Applies a change that causes no event, retrying on a concurrent change of the same file. */
    private MediationFile modify(String fileId, UnaryOperator<MediationFile> decision) {
        for (int i = 0; i < ATTEMPTS; i++) {
            MediationFile next = decision.apply(get(fileId));
            if (files.update(next, List.of())) {
                return get(fileId);
            }
        }
        throw new Conflict("mediation file " + fileId + " is being changed by someone else; try again");
    }
}
