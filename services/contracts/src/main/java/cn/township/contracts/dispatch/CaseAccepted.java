package cn.township.contracts.dispatch;

import java.time.Instant;

/** The lead department accepted the case. */
public record CaseAccepted(
        String caseId,
        String department,
        String by,
        Instant at) implements DispatchEvent {
}
