package cn.township.village.web;

import cn.township.village.rule.RuleViolation;
import org.jspecify.annotations.Nullable;

import java.util.Set;

/**
 * Who is calling and for which village, household and grid: a thin view of the verified access token
 * ({@link cn.township.security.Caller#current()}), with the village's own role and scope rules. A request
 * without a valid token never reaches a controller (the security filter chain answers 401).
 */
public record Caller(String user, Set<String> roles, @Nullable String village, @Nullable String household,
                     @Nullable String grid) {

    public static final String CADRE = "village-cadre";
    public static final String ELDER = "elder";
    public static final String VILLAGER = "villager";
    public static final String ASSESSOR = "assessor";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller of the current request, from its token. */
    static Caller current() {
        cn.township.security.Caller c = cn.township.security.Caller.current();
        return new Caller(c.username(), c.roles(), c.village(), c.household(), c.grid());
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** The caller's village, after checking that they hold one of the roles; village-scoped work needs both. */
    public String villageAs(String... anyOfRoles) {
        requireRole(anyOfRoles);
        if (village == null) {
            throw RuleViolation.forbidden("village-scope", "the caller belongs to no village");
        }
        return village;
    }

    public void requireRole(String... anyOfRoles) {
        for (String role : anyOfRoles) {
            if (roles.contains(role)) {
                return;
            }
        }
        throw RuleViolation.forbidden("role", "this needs one of the roles " + String.join(", ", anyOfRoles));
    }

    /**
     * Data scope: a village sees and changes only its own affairs. Another village's record answers as if it
     * did not exist (404), so that its existence does not leak.
     */
    public void requireVillage(String ownerVillage, String what, String id) {
        if (village == null || !village.equals(ownerVillage)) {
            throw RuleViolation.notFound(what, id);
        }
    }

    public String householdOrFail() {
        if (household == null) {
            throw RuleViolation.forbidden("household", "the caller has no household attribute");
        }
        return household;
    }
}
