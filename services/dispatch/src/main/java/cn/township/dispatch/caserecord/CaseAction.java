package cn.township.dispatch.caserecord;

/** What can be done to a case; each state allows some of these. */
public enum CaseAction {
    SIGN_OFF, ACCEPT, RETURN, CONTACT, NOTE, WHISTLE, REPORT_IN, HAND_DOWN, ESCALATE_UP, RESOLVE, RATE, URGE,
    WITHDRAW, MERGE
}
