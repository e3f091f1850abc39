package cn.township.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers tokens whose signature was verified, keyed by the whole token text (signature included), so the same
 * token on the next request skips the JSON parse and the RSA check (a client such as the 12345 system sends one
 * token for many requests). Expiry, issuer and audience are checked again on every use, and a token failing them
 * goes back through the full decoder, which says why. Bounded: at {@code maxEntries} the cache is emptied.
 */
final class VerifiedTokenCache implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> validator;
    private final int maxEntries;
    private final ConcurrentHashMap<String, Jwt> verified = new ConcurrentHashMap<>();

    VerifiedTokenCache(JwtDecoder delegate, OAuth2TokenValidator<Jwt> validator, int maxEntries) {
        this.delegate = delegate;
        this.validator = validator;
        this.maxEntries = maxEntries;
    }

    @Override
    public Jwt decode(String token) {
        Jwt known = verified.get(token);
        if (known != null) {
            if (!validator.validate(known).hasErrors()) {
                return known;
            }
            verified.remove(token);
        }
        Jwt jwt = delegate.decode(token);
        if (verified.size() >= maxEntries) {
            verified.clear();
        }
        verified.put(token, jwt);
        return jwt;
    }
}
