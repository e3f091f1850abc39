package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The lead department reported the case resolved. */
public record CaseResolved(
        String caseId,
        List<String> ticketIds,
        String resolution,
        @Nullable Boolean converted,
        String by,
        Instant at) implements DispatchEvent {
}
