package cn.township.contracts.mediation;

/** A party's side in a dispute. */
public enum PartyRole {
    COMPLAINANT, RESPONDENT
}
