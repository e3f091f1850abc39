package cn.township.intake.ticket;

/** A ticket's state as intake knows it, following its case through dispatch's lifecycle. */
public enum TicketStatus {
    RECEIVED, IN_PROGRESS, RESOLVED, ESCALATED, CLOSED, WITHDRAWN;

    /** Open311's two-valued status. */
    public boolean open() {
        return this == RECEIVED || this == IN_PROGRESS || this == ESCALATED;
    }
}
