package cn.township.contracts.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The daily supervision digest (督办) was issued: the figures per department, per village and for the
 * secretary. Not about one case: its subject and key are the digest id (one per day), returned by
 * {@link #caseId()} to fit the {@link DispatchEvent} envelope.
 */
public record SupervisionDigestIssued(
        String digestId,
        LocalDate day,
        List<DigestLine> lines,
        Instant at) implements DispatchEvent {

    @Override
    public String caseId() {
        return digestId;
    }
}
