package cn.township.village.points;

/** What a ledger entry does to the balance. */
public enum EntryKind {
    AWARD, DEDUCTION, REDEMPTION;

    int sign() {
        return this == AWARD ? 1 : -1;
    }
}
