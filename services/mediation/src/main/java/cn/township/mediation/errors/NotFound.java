package cn.township.mediation.errors;

/** No such thing, or not one the caller may know about: answered 404. */
public class NotFound extends RuntimeException {

    public NotFound(String message) {
        super(message);
    }
}
