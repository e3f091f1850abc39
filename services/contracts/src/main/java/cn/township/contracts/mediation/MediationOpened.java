package cn.township.contracts.mediation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A mediation file opened, from a handed-down case or a mediator's request. */
public record MediationOpened(
        String fileId,
        @Nullable String caseId,
        String village,
        DisputeType disputeType,
        List<Party> parties,
        Instant at) implements MediationEvent {
}
