package cn.township.contracts.dispatch;

import java.time.Instant;
import java.util.List;

/** Other agencies were summoned to the case (吹哨); each must report in by the deadline. */
public record WhistleBlown(
        String caseId,
        List<String> agencies,
        String reason,
        Instant reportInDueAt,
        String by,
        Instant at) implements DispatchEvent {
}
