package cn.township.mediation.errors;

/** The caller is known but may not do this: answered 403. */
public class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message);
    }
}
