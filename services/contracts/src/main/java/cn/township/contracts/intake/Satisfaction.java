package cn.township.contracts.intake;

/** The city's satisfaction call-back (回访). */
public enum Satisfaction {
    SATISFIED, BASICALLY_SATISFIED, UNSATISFIED
}
