package cn.township.gateway.token;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import reactor.core.publisher.Mono;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's only authorization rule: a token must carry at least one role of the platform (flat {@code roles}
 * claim, else {@code realm_access.roles}); otherwise 403. Per-endpoint roles and data scope are the services' job.
 */
final class PlatformRoles implements ReactiveAuthorizationManager<AuthorizationContext> {

    static final Set<String> ALL = Set.of("hotline", "secretary", "dispatcher", "department", "agency",
            "village-cadre", "grid-worker", "mediator", "elder", "villager", "assessor");

    @Override
    public Mono<AuthorizationResult> authorize(Mono<Authentication> authentication, AuthorizationContext context) {
        return authentication.<AuthorizationResult>map(a -> new AuthorizationDecision(a.isAuthenticated() && hasAny(a)))
                .defaultIfEmpty(new AuthorizationDecision(false));
    }

    static boolean hasAny(Authentication authentication) {
        if (!(authentication instanceof JwtAuthenticationToken jwt)) {
            return false;
        }
        Object roles = jwt.getToken().getClaims().get("roles");
        if (roles == null && jwt.getToken().getClaims().get("realm_access") instanceof Map<?, ?> realm) {
            roles = realm.get("roles");
        }
        return roles instanceof Collection<?> list && list.stream().anyMatch(r -> ALL.contains(String.valueOf(r)));
    }
}
