package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

import java.time.Instant;

/** An agency summoned to a case (吹哨): it must report in (报到) by {@code dueAt}, then it is a co-handler. */
public record Summons(String agency, String reason, String by, Instant summonedAt, Instant dueAt,
                      @Nullable Instant reportedInAt, boolean overdue) {

    public boolean reportedIn() {
        return reportedInAt != null;
    }

    /** Still waiting for the agency, and the deadline not yet flagged. */
    public boolean awaiting() {
        return reportedInAt == null && !overdue;
    }

    Summons reportIn(Instant at) {
        return new Summons(agency, reason, by, summonedAt, dueAt, at, overdue);
    }

    Summons markOverdue() {
        return new Summons(agency, reason, by, summonedAt, dueAt, reportedInAt, true);
    }
}
