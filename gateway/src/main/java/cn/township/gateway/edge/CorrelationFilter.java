package cn.township.gateway.edge;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * First filter of every exchange: sets {@code X-Request-Id} (kept from the caller when sane, else generated) and
 * {@code traceparent} (a new span of the caller's trace, else a new trace) on the request sent on and on the
 * response, also for responses the gateway makes up itself. Strips identity headers a caller could forge
 * ({@code X-User}, {@code X-Roles}, ...): identity reaches the services only as the bearer token.
 */
@Component
public class CorrelationFilter implements WebFilter, Ordered {

    static final List<String> FORGEABLE = List.of("X-User", "X-Roles", "X-Village", "X-Department", "X-Agency",
            "X-Household", "X-Grid");

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        String requestId = Correlation.requestId(request.getHeaders().getFirst(Correlation.REQUEST_ID));
        String traceparent = Correlation.traceparent(request.getHeaders().getFirst(Correlation.TRACEPARENT));
        ServerHttpRequest relayed = request.mutate().headers(headers -> {
            FORGEABLE.forEach(headers::remove);
            headers.set(Correlation.REQUEST_ID, requestId);
            headers.set(Correlation.TRACEPARENT, traceparent);
        }).build();
        exchange.getAttributes().put(Correlation.REQUEST_ID_ATTRIBUTE, requestId);
        exchange.getResponse().beforeCommit(() -> {
            exchange.getResponse().getHeaders().set(Correlation.REQUEST_ID, requestId);
            exchange.getResponse().getHeaders().set(Correlation.TRACEPARENT, traceparent);
            return Mono.empty();
        });
        return chain.filter(exchange.mutate().request(relayed).build());
    }
}
