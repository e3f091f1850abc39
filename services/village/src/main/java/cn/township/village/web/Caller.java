package cn.township.village.web;

import cn.township.village.rule.RuleViolation;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling and for which village, household and grid. For now read from the headers the gateway
 * relays ({@code X-User}, {@code X-Roles}, {@code X-Village}, {@code X-Household}, {@code X-Grid}); this is the
 * one place to switch to the JWT claims ({@code preferred_username}, {@code roles}, {@code village},
 * {@code household}, {@code grid}).
 */
public record Caller(String user, Set<String> roles, @Nullable String village, @Nullable String household,
                     @Nullable String grid) {

    public static final String CADRE = "village-cadre";
    public static final String ELDER = "elder";
    public static final String VILLAGER = "villager";
    public static final String ASSESSOR = "assessor";

    static Caller from(HttpServletRequest request) {
        String user = blankToNull(request.getHeader("X-User"));
        if (user == null) {
            throw new Unauthenticated();
        }
        String roles = request.getHeader("X-Roles");
        Set<String> roleSet = roles == null ? Set.of() : Arrays.stream(roles.split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(user, roleSet, blankToNull(request.getHeader("X-Village")),
                blankToNull(request.getHeader("X-Household")), blankToNull(request.getHeader("X-Grid")));
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

    /** Data scope: a village sees and changes only its own affairs. */
    public void requireVillage(String ownerVillage) {
        if (village == null || !village.equals(ownerVillage)) {
            throw RuleViolation.forbidden("village-scope", "this belongs to another village");
        }
    }

    public String householdOrFail() {
        if (household == null) {
            throw RuleViolation.forbidden("household", "the caller has no household attribute");
        }
        return household;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** No identity on the request. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("no caller identity on the request");
        }
    }
}
