package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

import java.util.Set;

/** The person acting on a case, with the roles and the unit that scope what they may see and do. */
public record Officer(String name, Set<String> roles, @Nullable String department, @Nullable String agency,
                      @Nullable String village) {

    public static final String SYSTEM_NAME = "system";

    public static Officer system() {
        return new Officer(SYSTEM_NAME, Set.of("system"), null, null, null);
    }

    public boolean has(String role) {
        return roles.contains(role);
    }
}
