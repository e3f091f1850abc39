package cn.township.contracts.mediation;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Mediation ended without agreement. */
public record MediationFailed(
        String fileId,
        @Nullable String caseId,
        String village,
        String reason,
        int rounds,
        Instant at) implements MediationEvent {
}
