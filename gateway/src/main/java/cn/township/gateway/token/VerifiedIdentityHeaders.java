package cn.township.gateway.token;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Map;

/**
 * Interim bridge until every service validates the token itself: after the gateway has verified the bearer
 * token, the caller's identity from its claims goes on to the service as {@code X-User}, {@code X-Roles},
 * {@code X-Village}, {@code X-Department}, {@code X-Agency}, {@code X-Household}, {@code X-Grid}. Values a
 * client sent under these names were already removed by the correlation filter, so only the gateway sets
 * them; the services listen on 127.0.0.1 (or an internal network) only.
 */
@Component
class VerifiedIdentityHeaders implements GlobalFilter, Ordered {

    private static final Map<String, String> CLAIMS = Map.of("X-Village", "village", "X-Department", "department",
            "X-Agency", "agency", "X-Household", "household", "X-Grid", "grid");

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return ReactiveSecurityContextHolder.getContext()
                .map(context -> context.getAuthentication())
                .filter(JwtAuthenticationToken.class::isInstance)
                .map(authentication -> withIdentity(exchange, ((JwtAuthenticationToken) authentication).getToken()))
                .defaultIfEmpty(exchange)
                .flatMap(chain::filter);
    }

    static ServerWebExchange withIdentity(ServerWebExchange exchange, Jwt jwt) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            String user = jwt.getClaimAsString("preferred_username");
            if (user != null) {
                headers.set("X-User", user);
            }
            List<String> roles = jwt.getClaimAsStringList("roles");
            if (roles != null) {
                headers.set("X-Roles", String.join(",", roles));
            }
            CLAIMS.forEach((header, claim) -> {
                String value = jwt.getClaimAsString(claim);
                if (value != null && !value.isBlank()) {
                    headers.set(header, value);
                }
            });
        })).build();
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }
}
