package cn.township.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

/**
 * Every error raised while the gateway handles a request becomes problem+json: no route 404, a service that
 * cannot be reached (refused, connect timeout, unknown host) 503 at once, a service whose connections are all busy
 * (the request waited for one too long, or too many wait already) 503, a service that does not answer in time 504,
 * oversized bodies 413; anything unexpected 500 (logged). Each 503 carries {@code Retry-After}.
 */
@Component
@Order(-2)
public class ProblemErrorHandler implements ErrorWebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorHandler.class);

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        String service = route == null ? "the service" : "the " + route.getId() + " service";
        if (unreachable(error)) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is not reachable right now; "
                    + "try again shortly");
        }
        if (busy(error)) {
            exchange.getResponse().getHeaders().set("Retry-After", "2");
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE, service + " is busy (all its connections "
                    + "are in use); try again shortly");
        }
        if (causedBy(error, AuthenticationServiceException.class)) {
            exchange.getResponse().getHeaders().set("Retry-After", "5");
            return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                    "the bearer token could not be checked: the identity provider did not answer");
        }
        ResponseStatusException status = cause(error, ResponseStatusException.class);
        if (status != null) {
            return Problems.write(exchange, status.getStatusCode(), detail(status, service, exchange));
        }
        if (causedBy(error, TimeoutException.class)) {
            return Problems.write(exchange, HttpStatus.GATEWAY_TIMEOUT, service + " did not answer in time");
        }
        log.error("unexpected error on {} {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), error);
        return Problems.write(exchange, HttpStatus.INTERNAL_SERVER_ERROR, "the gateway failed to handle this request");
    }

    private static String detail(ResponseStatusException e, String service, ServerWebExchange exchange) {
        HttpStatusCode status = e.getStatusCode();
        if (status.value() == 404) {
            return "no service answers " + exchange.getRequest().getPath().value();
        }
        if (status.value() == 504) {
            return service + " did not answer in time";
        }
        if (status.value() == 503) {
            return service + " is not available right now; try again shortly";
        }
        return e.getReason() != null ? e.getReason() : e.getMessage();
    }

    private static boolean unreachable(Throwable error) {
        return causedBy(error, ConnectException.class) || causedBy(error, NoRouteToHostException.class)
                || causedBy(error, UnknownHostException.class);
    }

    /** Reactor Netty's connection pool (a shaded reactor-pool) gave no connection: timed out, or too many waiting. */
    private static boolean busy(Throwable error) {
        return first(error, t -> t.getClass().getSimpleName().equals("PoolAcquireTimeoutException")
                || t.getClass().getSimpleName().equals("PoolAcquirePendingLimitException")) != null;
    }

    private static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
        return cause(error, type) != null;
    }

    private static <T extends Throwable> @org.jspecify.annotations.Nullable T cause(Throwable error, Class<T> type) {
        return type.cast(first(error, type::isInstance));
    }

    /** The error itself or the first of its causes that is {@code wanted}. */
    private static @org.jspecify.annotations.Nullable Throwable first(Throwable error,
                                                                       java.util.function.Predicate<Throwable> wanted) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (wanted.test(t)) {
                return t;
            }
        }
        return null;
    }
}
