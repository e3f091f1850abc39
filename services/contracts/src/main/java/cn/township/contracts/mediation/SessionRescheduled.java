package cn.township.contracts.mediation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A session moved to another time or room. */
public record SessionRescheduled(
        String fileId,
        @Nullable String caseId,
        String sessionId,
        Instant startsAt,
        Instant endsAt,
        String room,
        String reason,
        Instant at) implements MediationEvent {
}
