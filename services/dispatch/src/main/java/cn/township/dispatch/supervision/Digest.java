package cn.township.dispatch.supervision;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * The daily supervision digest (督办) for one unit: every open case with its remaining time, and the counts
 * the leaders follow: overdue, breached, urged, returned, agencies late to report in.
 */
public record Digest(Scope scope, @Nullable String unit, Instant issuedAt, int open, int overdue, int breached,
                     int urged, int returned, int lateAgencies, List<Line> cases) {

    public enum Scope { SECRETARY, DEPARTMENT, VILLAGE }

    /** One open case in the digest. */
    public record Line(String caseId, String state, String category, @Nullable String leadDepartment,
                       @Nullable String village, Instant resolutionDueAt, long remainingSeconds, boolean overdue,
                       boolean breached, int urges, int returns, List<String> lateAgencies,
                       @Nullable String escalatedTo) {
    }
}
