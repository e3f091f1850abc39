package cn.township.security;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokenCacheTest {

    final AtomicInteger fullDecodes = new AtomicInteger();
    final AtomicBoolean expired = new AtomicBoolean();

    final VerifiedTokenCache cache = new VerifiedTokenCache(token -> {
        fullDecodes.incrementAndGet();
        if (expired.get()) {
            throw new BadJwtException("Jwt expired");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").claim("sub", token).build();
    }, jwt -> expired.get() ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token"))
            : OAuth2TokenValidatorResult.success(), 2);

    @Test
    void verifiesATokenOnceWhileItStaysValid() {
        assertThat(cache.decode("a").getSubject()).isEqualTo("a");
        assertThat(cache.decode("a").getSubject()).isEqualTo("a");
        assertThat(fullDecodes).hasValue(1);
        cache.decode("b");
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void aTokenThatNoLongerPassesTheChecksGoesThroughTheFullDecoderAgain() {
        cache.decode("a");
        expired.set(true);
        assertThatThrownBy(() -> cache.decode("a")).isInstanceOf(BadJwtException.class).hasMessageContaining("expired");
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void staysBounded() {
        cache.decode("a");
        cache.decode("b");
        cache.decode("c");
        cache.decode("a");
        assertThat(fullDecodes).hasValue(4);
    }
}
