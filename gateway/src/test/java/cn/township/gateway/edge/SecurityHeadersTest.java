package cn.township.gateway.edge;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.header.HttpHeaderWriterWebFilter;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's response headers are the ones Spring Security's default header writers give, in every case here:
 * compared with the writer filter of a default Spring Security chain on the same exchanges.
 */
class SecurityHeadersTest {

    private static final WebFilter SPRING_DEFAULTS = ServerHttpSecurity.http()
            .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
            .build().getWebFilters().filter(HttpHeaderWriterWebFilter.class::isInstance).blockFirst();

    @Test
    void writesWhatSpringSecurityWritesByDefault() {
        List<String> urls = List.of("http://gateway/api/intake/v1/tickets", "https://gateway/api/intake/v1/tickets");
        List<Consumer<ServerWebExchange>> backends = new ArrayList<>();
        backends.add(exchange -> { });
        backends.add(exchange -> exchange.getResponse().getHeaders().set(HttpHeaders.CACHE_CONTROL, "max-age=60"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set(HttpHeaders.EXPIRES, "Thu, 01 Jan 2026 00:00:00 GMT"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set(HttpHeaders.PRAGMA, "no-cache"));
        backends.add(exchange -> exchange.getResponse().setStatusCode(HttpStatus.NOT_MODIFIED));
        backends.add(exchange -> exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND));
        backends.add(exchange -> exchange.getResponse().getHeaders().set("x-frame-options", "SAMEORIGIN"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set("X-Content-Type-Options", "nosniff"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set("X-XSS-Protection", "1; mode=block"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set("Strict-Transport-Security", "max-age=5"));
        backends.add(exchange -> exchange.getResponse().getHeaders().set("Referrer-Policy", "origin"));
        int compared = 0;
        for (String url : urls) {
            for (Consumer<ServerWebExchange> backend : backends) {
                Map<String, List<String>> expected = respond(SPRING_DEFAULTS, url, backend);
                Map<String, List<String>> actual = respond(new SecurityHeaders(), url, backend);
                assertThat(actual).as("%s, case %d", url, backends.indexOf(backend)).isEqualTo(expected);
                compared++;
            }
        }
        assertThat(compared).isEqualTo(22);
    }

    @Test
    void aPlainResponseForbidsCachingSniffingAndFraming() {
        Map<String, List<String>> headers = respond(new SecurityHeaders(), "http://gateway/open311/v2/services.json",
                exchange -> { });
        assertThat(headers).containsEntry("cache-control", List.of("no-cache, no-store, max-age=0, must-revalidate"))
                .containsEntry("x-content-type-options", List.of("nosniff"))
                .containsEntry("x-frame-options", List.of("DENY"))
                .doesNotContainKey("strict-transport-security");
    }

    /** The response headers after the filter and then the "backend" ran and the response was committed. */
    private static Map<String, List<String>> respond(WebFilter filter, String url, Consumer<ServerWebExchange> backend) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get(url));
        WebFilterChain chain = e -> {
            backend.accept(e);
            return e.getResponse().setComplete();
        };
        filter.filter(exchange, chain).block();
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getResponse().getHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values));
        return headers;
    }
}
