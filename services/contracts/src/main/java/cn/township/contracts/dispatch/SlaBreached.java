package cn.township.contracts.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deadline passed; the case escalates to its supervising leader. */
public record SlaBreached(
        String caseId,
        DeadlineKind deadline,
        Instant dueAt,
        @Nullable String escalatedTo,
        Instant at) implements DispatchEvent {
}
