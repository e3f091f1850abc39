package cn.township.gateway.problem;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import java.net.ConnectException;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ProblemErrorHandlerTest {

    MockServerWebExchange handled(Throwable error) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/api/intake/v1/tickets"));
        new ProblemErrorHandler().handle(exchange, error).block();
        return exchange;
    }

    @Test
    void aServiceWhoseConnectionsAreAllBusyIs503WithRetryAfter() {
        for (Throwable busy : new Throwable[] {new PoolAcquireTimeoutException(Duration.ofSeconds(10)),
                new PoolAcquirePendingLimitException(384), new IllegalStateException(new PoolAcquirePendingLimitException(384))}) {
            MockServerWebExchange exchange = handled(busy);
            assertThat(exchange.getResponse().getStatusCode()).as(busy.toString()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("2");
            assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");
            assertThat(exchange.getResponse().getBodyAsString().block()).contains("is busy");
        }
    }

    @Test
    void aServiceThatCannotBeReachedIs503AndAnythingUnexpected500() {
        MockServerWebExchange refused = handled(new ConnectException("Connection refused"));
        assertThat(refused.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.getResponse().getBodyAsString().block()).contains("not reachable");
        MockServerWebExchange unexpected = handled(new IllegalArgumentException("a bug"));
        assertThat(unexpected.getResponse().getStatusCode()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
    }
}
