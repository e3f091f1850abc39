package cn.township.security;

import org.springframework.security.access.AccessDeniedException;

/**
 * A 403 with the rule that refused it, answered as the problem's {@code rule} property: {@code role} (the caller
 * holds none of the roles an endpoint allows), {@code village} (a record of another village),
 * {@code no-access-rule} (an endpoint that declares no roles).
 */
public final class Refused extends AccessDeniedException {

    private final String rule;

    public Refused(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
