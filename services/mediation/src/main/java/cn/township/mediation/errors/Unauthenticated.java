package cn.township.mediation.errors;

/** No caller identity: answered 401. */
public class Unauthenticated extends RuntimeException {

    public Unauthenticated(String message) {
        super(message);
    }
}
