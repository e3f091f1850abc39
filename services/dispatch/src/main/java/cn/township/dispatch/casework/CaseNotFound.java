package cn.township.dispatch.casework;

/** No such case, or one the caller may not see (the two look the same from outside). */
public final class CaseNotFound extends RuntimeException {
    public CaseNotFound(String id) {
        super("case " + id + " not found");
    }
}
