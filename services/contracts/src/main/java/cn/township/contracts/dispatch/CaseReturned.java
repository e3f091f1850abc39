package cn.township.contracts.dispatch;

import java.time.Instant;

/** The lead department returned the case to sign-off (退回). */
public record CaseReturned(
        String caseId,
        String department,
        String reason,
        String by,
        Instant at) implements DispatchEvent {
}
