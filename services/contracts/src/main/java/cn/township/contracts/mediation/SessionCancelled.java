package cn.township.contracts.mediation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A session was cancelled. */
public record SessionCancelled(
        String fileId,
        @Nullable String caseId,
        String sessionId,
        String reason,
        Instant at) implements MediationEvent {
}
