package cn.township.dispatch.caserecord;

/** A command that breaks a rule about one of its fields (for example a sign-off without a lead department). */
public final class InvalidCommand extends RuntimeException {

    private final String field;

    public InvalidCommand(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
