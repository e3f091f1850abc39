package cn.township.contracts.dispatch;

import java.time.Instant;

/** A summoned agency missed its report-in deadline. */
public record ReportInOverdue(
        String caseId,
        String agency,
        Instant dueAt,
        Instant at) implements DispatchEvent {
}
