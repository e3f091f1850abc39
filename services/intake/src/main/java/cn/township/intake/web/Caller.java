package cn.township.intake.web;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling. For now built from the headers the gateway will set ({@code X-User}, {@code X-Roles}
 * comma-separated, {@code X-Village}, {@code X-Department}, {@code X-Agency}, {@code X-Household},
 * {@code X-Grid}); this is the ONE place to switch to the JWT's claims ({@code preferred_username},
 * {@code roles}, {@code village}, {@code department}, {@code agency}, {@code household}, {@code grid}).
 */
public record Caller(String user, Set<String> roles, @Nullable String village, @Nullable String department,
                     @Nullable String agency, @Nullable String household, @Nullable String grid) {

    public static final String HOTLINE = "hotline";
    public static final String SECRETARY = "secretary";
    public static final String DISPATCHER = "dispatcher";
    public static final String DEPARTMENT = "department";
    public static final String AGENCY = "agency";
    public static final String VILLAGE_CADRE = "village-cadre";
    public static final String GRID_WORKER = "grid-worker";
    public static final String ASSESSOR = "assessor";

    static Caller from(HttpServletRequest request) {
        String user = trimmed(request.getHeader("X-User"));
        if (user == null) {
            throw new Unauthenticated();
        }
        String roles = request.getHeader("X-Roles");
        Set<String> set = roles == null ? Set.of() : Arrays.stream(roles.split(","))
                .map(String::trim).filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(user, set, trimmed(request.getHeader("X-Village")), trimmed(request.getHeader("X-Department")),
                trimmed(request.getHeader("X-Agency")), trimmed(request.getHeader("X-Household")),
                trimmed(request.getHeader("X-Grid")));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    public void requireAny(String... anyOf) {
        for (String role : anyOf) {
            if (has(role)) {
                return;
            }
        }
        throw new Forbidden("needs role " + String.join(" or ", anyOf));
    }

    /** Township-level roles see everything and may read complainants' phone numbers. */
    public boolean township() {
        return has(SECRETARY) || has(DISPATCHER);
    }

    private static @Nullable String trimmed(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** No identity on the request: HTTP 401. */
    public static class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("no caller identity on the request");
        }
    }

    /** The caller lacks the role for this operation: HTTP 403. */
    public static class Forbidden extends RuntimeException {
        Forbidden(String message) {
            super(message);
        }
    }
}
