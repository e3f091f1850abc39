package cn.township.gateway.limits;

import cn.township.gateway.GatewayProperties;
import cn.township.gateway.GatewayProperties.Quota;
import cn.township.gateway.problem.Problems;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.security.Principal;

/**
 * Rate limits after the token check: a client listed in {@code township.gateway.rate-limit.clients} (by
 * {@code azp}, e.g. the {@code hotline} system) shares one bucket with its own quota; any other token is limited
 * per user ({@code preferred_username}); requests without a token per remote address. Over the quota: 429
 * problem+json with {@code Retry-After}.
 */
public class RateLimitFilter implements WebFilter {

    private final GatewayProperties.RateLimit limits;
    private final TokenBuckets buckets;

    public RateLimitFilter(GatewayProperties.RateLimit limits) {
        this.limits = limits;
        this.buckets = new TokenBuckets(limits.idleAfter());
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return exchange.getPrincipal()
                .map(principal -> limit(exchange, principal))
                .defaultIfEmpty(new Decision("address:" + address(exchange), limits.anonymous()))
                .flatMap(decision -> {
                    long wait = buckets.take(decision.key(), decision.quota(), System.nanoTime());
                    if (wait == 0) {
                        return chain.filter(exchange);
                    }
                    long seconds = TokenBuckets.retryAfterSeconds(wait);
                    exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
                    return Problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "rate limit of "
                            + decision.quota().perSecond() + " requests/s (burst " + decision.quota().burst()
                            + ") reached for " + decision.key() + "; retry after " + seconds + " s");
                });
    }

    private Decision limit(ServerWebExchange exchange, Principal principal) {
        if (principal instanceof JwtAuthenticationToken jwt) {
            String client = jwt.getToken().getClaimAsString("azp");
            if (client != null && limits.clients().containsKey(client)) {
                return new Decision("client:" + client, limits.clients().get(client));
            }
            String user = jwt.getToken().getClaimAsString("preferred_username");
            return new Decision("user:" + (user != null ? user : jwt.getToken().getSubject()), limits.user());
        }
        return new Decision("address:" + address(exchange), limits.anonymous());
    }

    private static String address(ServerWebExchange exchange) {
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    private record Decision(String key, Quota quota) {
    }
}
