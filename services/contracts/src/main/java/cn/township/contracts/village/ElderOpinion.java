package cn.township.contracts.village;

/** An elder's view of a handed-down complaint in the council (三老合议). */
public enum ElderOpinion {
    REASONABLE, PARTLY_REASONABLE, UNREASONABLE
}
