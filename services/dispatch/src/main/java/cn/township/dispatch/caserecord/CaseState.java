package cn.township.dispatch.caserecord;

import java.util.EnumSet;
import java.util.Set;

import static cn.township.dispatch.caserecord.CaseAction.*;

/** Where a case stands, and the actions each state allows. */
public enum CaseState {
    AWAITING_SIGN_OFF(EnumSet.of(SIGN_OFF, NOTE, URGE, WITHDRAW, MERGE)),
    DISPATCHED(EnumSet.of(ACCEPT, RETURN, NOTE, URGE, WITHDRAW, MERGE)),
    ACCEPTED(EnumSet.of(CONTACT, RETURN, NOTE, WHISTLE, REPORT_IN, HAND_DOWN, ESCALATE_UP, URGE, WITHDRAW, MERGE)),
    IN_PROGRESS(EnumSet.of(CONTACT, NOTE, WHISTLE, REPORT_IN, HAND_DOWN, ESCALATE_UP, RESOLVE, URGE, WITHDRAW, MERGE)),
    HANDED_DOWN(EnumSet.of(NOTE, REPORT_IN, RESOLVE, URGE, WITHDRAW)),
    ESCALATED_UP(EnumSet.of(NOTE, RESOLVE, URGE, WITHDRAW)),
    RESOLVED(EnumSet.of(RATE, NOTE, URGE)),
    CLOSED(EnumSet.noneOf(CaseAction.class)),
    REOPENED(EnumSet.of(CONTACT, RETURN, NOTE, WHISTLE, REPORT_IN, HAND_DOWN, ESCALATE_UP, URGE, WITHDRAW, MERGE));

    private final Set<CaseAction> allowed;

    CaseState(EnumSet<CaseAction> allowed) {
        this.allowed = Set.copyOf(allowed);
    }

    public Set<CaseAction> allowed() {
        return allowed;
    }

    public boolean allows(CaseAction action) {
        return allowed.contains(action);
    }

    /** States in which the deadline clocks run. */
    public boolean clocksRun() {
        return this == AWAITING_SIGN_OFF || this == DISPATCHED || this == ACCEPTED || this == IN_PROGRESS
                || this == REOPENED;
    }

    public boolean open() {
        return this != CLOSED;
    }
}
