package cn.township.gateway.token;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

import java.text.ParseException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * Keycloak's signing keys for the gateway's token checks: fetched once when the gateway starts (again every few
 * seconds until Keycloak answers), and again when a token names a key the set does not hold (a rotated key), at
 * most once per {@code minRefetch}. Requests that need the keys while a fetch runs wait for that one fetch.
 *
 * <p>Spring Security's reactive decoder fetches the key set on the first request and caches it, but every request
 * arriving before that first answer starts a fetch of its own: 900 pushes at a just-started platform sent 900
 * requests to a Keycloak still warming up, each timed out, and the pushes failed.
 */
final class SigningKeys implements Function<SignedJWT, Flux<JWK>> {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final WebClient client;
    private final String uri;
    private final Duration minRefetch;
    private volatile @Nullable JWKSet keys;
    private volatile long fetchedAt;
    private final AtomicReference<@Nullable Mono<JWKSet>> inFlight = new AtomicReference<>();
    private volatile @Nullable Disposable prefetch;

    SigningKeys(WebClient client, String uri, Duration minRefetch) {
        this.client = client;
        this.uri = uri;
        this.minRefetch = minRefetch;
    }

    /** Starts fetching the keys in the background, retrying until Keycloak answers (once, at start). */
    void prefetch() {
        prefetch = Mono.defer(this::fetch)
                .retryWhen(Retry.backoff(Long.MAX_VALUE, Duration.ofSeconds(1)).maxBackoff(Duration.ofSeconds(5)))
                .subscribe(set -> log.info("signing keys fetched from {}: {} key(s)", uri, set.getKeys().size()),
                        e -> log.warn("signing keys: {}", e.toString()));
    }

    void stop() {
        Disposable running = prefetch;
        if (running != null) {
            running.dispose();
        }
    }

    /** The keys the token's header can be verified with (none: the token is refused as signed by no known key). */
    @Override
    public Flux<JWK> apply(SignedJWT jwt) {
        JWKSelector selector = new JWKSelector(JWKMatcher.forJWSHeader(jwt.getHeader()));
        JWKSet held = keys;
        if (held != null) {
            List<JWK> found = selector.select(held);
            if (!found.isEmpty() || System.nanoTime() - fetchedAt < minRefetch.toNanos()) {
                return Flux.fromIterable(found);
            }
        }
        return fetch().flatMapMany(set -> Flux.fromIterable(selector.select(set)));
    }

    /** The running fetch, or a new one: concurrent callers share it; once it ends the next caller starts another. */
    Mono<JWKSet> fetch() {
        while (true) {
            Mono<JWKSet> running = inFlight.get();
            if (running != null) {
                return running;
            }
            AtomicReference<Mono<JWKSet>> self = new AtomicReference<>();
            Mono<JWKSet> attempt = client.get().uri(uri).retrieve().bodyToMono(String.class)
                    .map(SigningKeys::parse)
                    .doOnNext(set -> {
                        keys = set;
                        fetchedAt = System.nanoTime();
                    })
                    // cleared before the answer reaches the waiting requests, so one retried at once fetches afresh
                    .doOnTerminate(() -> inFlight.compareAndSet(self.get(), null))
                    .doOnCancel(() -> inFlight.compareAndSet(self.get(), null))
                    .cache();
            self.set(attempt);
            if (inFlight.compareAndSet(null, attempt)) {
                return attempt;
            }
        }
    }

    private static JWKSet parse(String body) {
        try {
            return JWKSet.parse(body);
        } catch (ParseException e) {
            throw new IllegalStateException("the identity provider's key set is not a JWK set: " + e.getMessage(), e);
        }
    }
}
