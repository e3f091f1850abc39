package cn.township.mediation.web;

import cn.township.mediation.errors.Forbidden;
import cn.township.mediation.errors.Unauthenticated;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who is calling. For now read from the gateway's headers ({@code X-User}, {@code X-Roles}, {@code X-Village},
 * {@code X-Department}, {@code X-Agency}, {@code X-Household}); this is the one place to switch to the JWT's
 * claims ({@code preferred_username}, {@code roles}, {@code village}, ...).
 */
public record Caller(String user, Set<String> roles, @Nullable String village, @Nullable String department,
                     @Nullable String agency, @Nullable String household) {

    public static final String MEDIATOR = "mediator";
    private static final Set<String> TOWNSHIP = Set.of(MEDIATOR, "secretary", "dispatcher", "assessor");

    public static Caller from(HttpServletRequest request) {
        String user = blankToNull(request.getHeader("X-User"));
        if (user == null) {
            throw new Unauthenticated("no caller identity (X-User)");
        }
        String roles = request.getHeader("X-Roles");
        Set<String> set = roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(String::trim)
                .filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Caller(user, set, blankToNull(request.getHeader("X-Village")),
                blankToNull(request.getHeader("X-Department")), blankToNull(request.getHeader("X-Agency")),
                blankToNull(request.getHeader("X-Household")));
    }

    public boolean has(String role) {
        return roles.contains(role);
    }

    /** Township-level roles see every file and every complainant. */
    public boolean township() {
        return roles.stream().anyMatch(TOWNSHIP::contains);
    }

    public Caller require(String role) {
        if (!has(role)) {
            throw new Forbidden("this needs the role " + role);
        }
        return this;
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
