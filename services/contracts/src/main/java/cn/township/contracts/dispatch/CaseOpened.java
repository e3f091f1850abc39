package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A case opened for one or more tickets, with the routing proposal awaiting the secretary's sign-off. */
public record CaseOpened(
        String caseId,
        List<String> ticketIds,
        String source,
        String category,
        @Nullable String village,
        @Nullable String proposedLeadDepartment,
        String urgency,
        boolean confidential,
        Instant at) implements DispatchEvent {
}
