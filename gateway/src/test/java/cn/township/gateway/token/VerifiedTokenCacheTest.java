package cn.township.gateway.token;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import reactor.core.publisher.Mono;

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
            return Mono.error(new BadJwtException("Jwt expired"));
        }
        return Mono.just(Jwt.withTokenValue(token).header("alg", "RS256").claim("sub", token).build());
    }, jwt -> expired.get() ? OAuth2TokenValidatorResult.failure(new OAuth2Error("invalid_token"))
            : OAuth2TokenValidatorResult.success(), 2);

    @Test
    void verifiesATokenOnceWhileItStaysValid() {
        assertThat(cache.decode("a").block().getSubject()).isEqualTo("a");
        assertThat(cache.decode("a").block().getSubject()).isEqualTo("a");
        assertThat(fullDecodes).hasValue(1);
        cache.decode("b").block();
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void aTokenThatNoLongerPassesTheChecksGoesThroughTheFullDecoderAgain() {
        cache.decode("a").block();
        expired.set(true);
        assertThatThrownBy(() -> cache.decode("a").block()).isInstanceOf(BadJwtException.class);
        assertThat(fullDecodes).hasValue(2);
    }

    @Test
    void staysBounded() {
        cache.decode("a").block();
        cache.decode("b").block();
        cache.decode("c").block();
        cache.decode("a").block();
        assertThat(fullDecodes).hasValue(4);
    }
}
