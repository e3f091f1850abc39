package cn.township.contracts.mediation;

/** What a round-table session reached. */
public enum SessionOutcome {
    AGREEMENT, PARTIAL, NO_AGREEMENT, ADJOURNED
}
