package cn.township.contracts.dispatch;

import java.time.Instant;

/** A deadline has used up the given fraction of its time. */
public record SlaWarning(
        String caseId,
        DeadlineKind deadline,
        double fraction,
        Instant dueAt,
        Instant at) implements DispatchEvent {
}
