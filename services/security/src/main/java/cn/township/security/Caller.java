package cn.township.security;

import org.jspecify.annotations.Nullable;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who is calling, read from the validated Keycloak access token: {@code preferred_username}, the flat
 * {@code roles} claim (falling back to {@code realm_access.roles}), and the user attributes {@code village},
 * {@code department}, {@code agency}, {@code grid}, {@code household}.
 *
 * <p>Declare it as a parameter of a {@code @RestController} method to receive it, or call {@link #current()}.
 *
 * <p>Levels (used for data scope and for {@link Pii}):
 * <ul>
 *   <li>township level: {@code secretary}, {@code dispatcher}, {@code department}, {@code assessor};</li>
 *   <li>village level: {@code village-cadre}, {@code grid-worker}, {@code elder}, {@code villager};</li>
 *   <li>neither: {@code hotline} (the city system), {@code agency} (summoned units outside the township
 *       government), {@code mediator} (the mediation team, which includes villagers and elders).</li>
 * </ul>
 * A caller holding any village-level role is never township level, whatever else they hold.
 */
public record Caller(String username, Set<String> roles, @Nullable String village, @Nullable String department,
                     @Nullable String agency, @Nullable String grid, @Nullable String household) {

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The caller of the current request; 401 (via the library's handlers) when there is none. */
    public static Caller current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return fromClaims(jwt.getToken().getClaims());
        }
        throw new AuthenticationCredentialsNotFoundException("no validated bearer token on this request");
    }

    /** Builds the caller from a token's claims. */
    public static Caller fromClaims(Map<String, Object> claims) {
        String username = text(claims.get("preferred_username"));
        if (username == null) {
            username = text(claims.get("sub"));
        }
        return new Caller(username == null ? "unknown" : username, roles(claims), text(claims.get("village")),
                text(claims.get("department")), text(claims.get("agency")), text(claims.get("grid")),
                text(claims.get("household")));
    }

    /** The platform roles in a token: the flat {@code roles} claim, else {@code realm_access.roles}. */
    static Set<String> roles(Map<String, Object> claims) {
        Object flat = claims.get("roles");
        if (flat == null && claims.get("realm_access") instanceof Map<?, ?> realmAccess) {
            flat = realmAccess.get("roles");
        }
        Set<String> roles = new LinkedHashSet<>();
        if (flat instanceof Collection<?> list) {
            list.forEach(r -> {
                String role = text(r);
                if (role != null) {
                    roles.add(role);
                }
            });
        } else if (text(flat) != null) {
            roles.add(text(flat));
        }
        roles.retainAll(Roles.ALL);
        return roles;
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }

    public boolean hasAnyRole(String... anyOf) {
        for (String role : anyOf) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }

    /** Throws {@link AccessDeniedException} (HTTP 403 problem+json) unless the caller holds one of the roles. */
    public Caller requireAnyRole(String... anyOf) {
        if (!hasAnyRole(anyOf)) {
            throw new Refused("role", "this needs one of the roles " + String.join(", ", anyOf)
                    + "; the caller " + username + " has " + (roles.isEmpty() ? "none" : String.join(", ", roles)));
        }
        return this;
    }

    /** Township staff: secretary, dispatcher, department, assessor (and no village-level role). */
    public boolean isTownshipLevel() {
        return !isVillageLevel() && hasAnyRole(Roles.TOWNSHIP_LEVEL.toArray(String[]::new));
    }

    /** village-cadre, grid-worker, elder, villager. */
    public boolean isVillageLevel() {
        return hasAnyRole(Roles.VILLAGE_LEVEL.toArray(String[]::new));
    }

    /** Throws {@link AccessDeniedException} unless the caller belongs to the given village. */
    public void requireVillage(@Nullable String ownerVillage) {
        if (village == null || !village.equals(ownerVillage)) {
            throw new Refused("village", "this belongs to another village than the caller's ("
                    + (village == null ? "none" : village) + ")");
        }
    }

    private static @Nullable String text(@Nullable Object value) {
        if (value instanceof List<?> list && list.size() == 1) {
            value = list.getFirst();
        }
        if (value == null) {
            return null;
        }
        String s = value.toString().trim();
        return s.isEmpty() ? null : s;
    }
}
