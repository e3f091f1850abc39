package cn.township.gateway.limits;

import cn.township.gateway.GatewayProperties;
import cn.township.gateway.problem.Problems;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over the limit of their path (longest configured prefix, else the default) with 413:
 * at once when {@code Content-Length} says so, otherwise (chunked) as soon as the streamed body passes it.
 */
public class BodySizeLimitFilter implements WebFilter {

    private final GatewayProperties.BodyLimit limits;

    public BodySizeLimitFilter(GatewayProperties.BodyLimit limits) {
        this.limits = limits;
    }

    long limitFor(String path) {
        return limits.paths().entrySet().stream()
                .filter(e -> path.equals(e.getKey()) || path.startsWith(e.getKey().endsWith("/") ? e.getKey() : e.getKey() + "/"))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue).orElse(limits.defaultMax()).toBytes();
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        long limit = limitFor(request.getPath().pathWithinApplication().value());
        long declared = request.getHeaders().getContentLength();
        if (declared > limit) {
            return Problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, tooLarge(declared + " bytes", limit));
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        ServerHttpRequest counted = new ServerHttpRequestDecorator(request) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > limit) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE,
                                tooLarge("more than " + limit + " bytes", limit)));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }

    private static String tooLarge(String size, long limit) {
        return "the request body (" + size + ") is over the limit of " + DataSize.ofBytes(limit).toKilobytes()
                + " KiB for this path";
    }
}
