package cn.township.mediation.errors;

/** Input that breaks a rule: answered 422 (or 400) naming the field. */
public class InvalidField extends RuntimeException {

    private final String field;

    public InvalidField(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
