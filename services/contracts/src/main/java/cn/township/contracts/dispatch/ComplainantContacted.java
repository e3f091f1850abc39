package cn.township.contracts.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The complainant was contacted. */
public record ComplainantContacted(
        String caseId,
        String by,
        @Nullable String note,
        Instant at) implements DispatchEvent {
}
