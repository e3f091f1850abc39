package cn.township.contracts.dispatch;

import java.time.Instant;

/** A summoned agency reported in (报到) and became a co-handler. */
public record AgencyReportedIn(
        String caseId,
        String agency,
        String by,
        Instant at) implements DispatchEvent {
}
