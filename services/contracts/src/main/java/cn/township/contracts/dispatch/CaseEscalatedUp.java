package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;

/** A case the township cannot settle escalated to the district (上交). */
public record CaseEscalatedUp(
        String caseId,
        List<String> ticketIds,
        String reason,
        String by,
        Instant at) implements DispatchEvent {
}
