package cn.township.contracts.dispatch;

/** Which clock of a case: first contact with the complainant, or resolution. */
public enum DeadlineKind {
    FIRST_CONTACT, RESOLUTION
}
