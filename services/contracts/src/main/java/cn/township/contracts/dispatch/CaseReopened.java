package cn.township.contracts.dispatch;

import java.time.Instant;

/** A closed or resolved case reopened, for example after an unsatisfied call-back. */
public record CaseReopened(
        String caseId,
        String reason,
        Instant at) implements DispatchEvent {
}
