package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** An untrue or unreasonable complaint handed down to its village (下交) with a tailored plan. */
public record CaseHandedDown(
        String caseId,
        List<String> ticketIds,
        String village,
        String category,
        String reason,
        String plan,
        @Nullable String complainantName,
        @Nullable String complainantPhoneMasked,
        boolean confidential,
        String by,
        Instant at) implements DispatchEvent {
}
