package cn.township.contracts.mediation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A session took place; adjourned files go to a next round. */
public record SessionHeld(
        String fileId,
        @Nullable String caseId,
        String sessionId,
        int round,
        SessionOutcome outcome,
        List<Participant> attendees,
        Instant at) implements MediationEvent {
}
