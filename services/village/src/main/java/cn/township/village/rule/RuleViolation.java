package cn.township.village.rule;

/**
 * A village rule the request breaks: which rule (a short stable code such as {@code one-vote-per-household}),
 * what kind of failure it is, and a sentence for people. Domain code throws it; the web layer turns it into a
 * problem+json response.
 */
public final class RuleViolation extends RuntimeException {

    /** How the failure shows to a caller. */
    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String rule;

    public RuleViolation(Kind kind, String rule, String message) {
        super(message);
        this.kind = kind;
        this.rule = rule;
    }

    public static RuleViolation invalid(String rule, String message) {
        return new RuleViolation(Kind.INVALID, rule, message);
    }

    public static RuleViolation forbidden(String rule, String message) {
        return new RuleViolation(Kind.FORBIDDEN, rule, message);
    }

    public static RuleViolation notFound(String what, String id) {
        return new RuleViolation(Kind.NOT_FOUND, "exists", what + " " + id + " does not exist");
    }

    public static RuleViolation conflict(String rule, String message) {
        return new RuleViolation(Kind.CONFLICT, rule, message);
    }

    public Kind kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }
}
