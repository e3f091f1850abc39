package cn.township.mediation.file;

/** Where a mediation file stands. */
public enum FileStatus {
    OPEN, AGREED, FAILED
}
