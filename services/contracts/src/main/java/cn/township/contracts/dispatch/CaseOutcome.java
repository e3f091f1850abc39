package cn.township.contracts.dispatch;

/** How a case ended. */
public enum CaseOutcome {
    RESOLVED, HANDED_DOWN, ESCALATED_UP, WITHDRAWN
}
