package cn.township.mediation.scheduling.app;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.SessionOutcome;
import cn.township.mediation.Change;
import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.InvalidField;
import cn.township.mediation.file.Agreement;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.app.FileService;
import cn.township.mediation.file.persistence.FileStore;
import cn.township.mediation.scheduling.Session;
import cn.township.mediation.scheduling.SessionStatus;
import cn.township.mediation.scheduling.persistence.SessionStore;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Records what a held session reached. The round and its events (SessionHeld, AgreementReached or
 * MediationFailed) go into the file in one write; marking the session held follows and is repeatable, so a
 * retried request completes a half-finished one without a second round.
 */
@Service
public class OutcomeService {

    private static final int ATTEMPTS = 5;

    private final FileService files;
    private final FileStore fileStore;
    private final SessionStore sessions;
    private final Clock clock;

    OutcomeService(FileService files, FileStore fileStore, SessionStore sessions, Clock clock) {
        this.files = files;
        this.fileStore = fileStore;
        this.sessions = sessions;
        this.clock = clock;
    }

    public record Outcome(SessionOutcome outcome, List<String> attendees, List<String> partiesPresent,
                          String minutes, @Nullable Agreement agreement) {
    }

    public MediationFile record(String sessionId, Outcome o) {
        Session session = sessions.find(sessionId).orElseThrow(() -> new cn.township.mediation.errors.NotFound(
                "no session " + sessionId));
        if (session.status() == SessionStatus.CANCELLED) {
            throw new Conflict("session " + sessionId + " was cancelled");
        }
        Instant now = clock.instant();
        if (now.isBefore(session.startsAt())) {
            throw new Conflict("session " + sessionId + " has not started yet; record its outcome afterwards");
        }
        List<Participant> attendees = attendees(session, o.attendees());
        MediationFile file = null;
        for (int i = 0; i < ATTEMPTS && file == null; i++) {
            MediationFile current = files.get(session.fileId());
            for (int p = 0; p < o.partiesPresent().size(); p++) {
                String name = o.partiesPresent().get(p);
                if (current.parties().stream().noneMatch(x -> x.name().equals(name))) {
                    throw new InvalidField("partiesPresent[" + p + "]", name + " is not a party to this file");
                }
            }
            Change<MediationFile> change = current.recordRound(sessionId, o.outcome(), attendees, o.partiesPresent(),
                    o.minutes(), o.agreement(), now);
            if (!change.changed() || fileStore.update(change.state(), change.events())) {
                file = files.get(session.fileId());
            }
        }
        if (file == null) {
            throw new Conflict("mediation file " + session.fileId() + " is being changed by someone else; try again");
        }
        markHeld(sessionId);
        return file;
    }

    private void markHeld(String sessionId) {
        for (int i = 0; i < ATTEMPTS; i++) {
            Session s = sessions.find(sessionId).orElseThrow();
            if (s.status() == SessionStatus.HELD || sessions.update(s.held(), List.of())) {
                return;
            }
        }
    }

    private static List<Participant> attendees(Session session, List<String> ids) {
        Map<String, Participant> invited = session.participants().stream()
                .collect(Collectors.toMap(Participant::memberId, Function.identity()));
        List<Participant> list = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Participant p = invited.get(ids.get(i));
            if (p == null) {
                throw new InvalidField("attendees[" + i + "]", ids.get(i) + " was not invited to this session");
            }
            list.add(p);
        }
        return list;
    }
}
