package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The case is closed. */
public record CaseClosed(
        String caseId,
        List<String> ticketIds,
        CaseOutcome outcome,
        @Nullable String satisfaction,
        @Nullable Boolean converted,
        Instant at) implements DispatchEvent {
}
