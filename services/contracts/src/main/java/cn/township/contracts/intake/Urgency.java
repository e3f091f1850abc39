package cn.township.contracts.intake;

/** How fast the township must act. */
public enum Urgency {
    NORMAL, URGENT, EMERGENCY
}
