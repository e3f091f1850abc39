package cn.township.mediation.scheduling;

/** Where a round-table session stands. */
public enum SessionStatus {
    SCHEDULED, CANCELLED, HELD
}
