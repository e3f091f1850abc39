package cn.township.gateway.token;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import reactor.core.publisher.Mono;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature was verified, keyed by the whole token text (signature included), so a client
 * sending the same token again skips the JSON parse and RSA check; expiry, issuer and audience are checked again
 * on every use, and a token failing them goes back through the full decoder (which reports why). Bounded: when
 * {@code maxEntries} is reached the cache is emptied.
 */
final class VerifiedTokenCache implements ReactiveJwtDecoder {

    private final ReactiveJwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(ReactiveJwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.delegate = delegate;
        this.validator = validator;
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<Jwt> decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return Mono.just(known);
            }
            verified.remove(token);
        }
        return delegate.decode(token).doOnNext(jwt -> {
            if (verified.size() >= maxEntries) {
                verified.clear();
            }
            verified.put(token, jwt);
        });
    }
}
