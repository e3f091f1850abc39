package cn.township.gateway.edge;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The response headers Spring Security's reactive defaults write (no caching, no MIME sniffing, no framing, the
 * legacy XSS filter off, no referrer, HSTS over HTTPS), with the same rules: each is added only where the response (or the
 * service behind the gateway) has not set it, and the three caching headers only together, only if none of them
 * is set, and not on a 304. Spring Security's writers rebuild a case-insensitive view of their header set and
 * subscribe a publisher per writer on every response, a fifth of what a proxied request allocated; these are plain
 * header lookups.
 */
public final class SecurityHeaders implements WebFilter {

    private static final String[][] ALWAYS = {
            {"X-Content-Type-Options", "nosniff"},
            {"X-Frame-Options", "DENY"},
            {"X-XSS-Protection", "0"},
            {"Referrer-Policy", "no-referrer"},
    };
    private static final String HSTS = "Strict-Transport-Security";
    private static final String HSTS_VALUE = "max-age=31536000 ; includeSubDomains";

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        exchange.getResponse().beforeCommit(() -> {
            write(exchange);
            return Mono.empty();
        });
        return chain.filter(exchange);
    }

    private static void write(ServerWebExchange exchange) {
        HttpHeaders headers = exchange.getResponse().getHeaders();
        if (exchange.getResponse().getStatusCode() != HttpStatus.NOT_MODIFIED
                && !headers.containsHeader(HttpHeaders.CACHE_CONTROL) && !headers.containsHeader(HttpHeaders.PRAGMA)
                && !headers.containsHeader(HttpHeaders.EXPIRES)) {
            headers.set(HttpHeaders.CACHE_CONTROL, "no-cache, no-store, max-age=0, must-revalidate");
            headers.set(HttpHeaders.PRAGMA, "no-cache");
            headers.set(HttpHeaders.EXPIRES, "0");
        }
        for (String[] header : ALWAYS) {
            if (!headers.containsHeader(header[0])) {
                headers.set(header[0], header[1]);
            }
        }
        if ("https".equals(exchange.getRequest().getURI().getScheme()) && !headers.containsHeader(HSTS)) {
            headers.set(HSTS, HSTS_VALUE);
        }
    }
}
