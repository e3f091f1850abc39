package cn.township.gateway.token;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlatformRolesTest {

    static JwtAuthenticationToken token(String claim, Object value) {
        return new JwtAuthenticationToken(Jwt.withTokenValue("t").header("alg", "RS256").claim("sub", "x")
                .claim(claim, value).build());
    }

    @Test
    void aTokenNeedsAPlatformRole() {
        assertThat(PlatformRoles.hasAny(token("roles", List.of("villager")))).isTrue();
        assertThat(PlatformRoles.hasAny(token("realm_access", Map.of("roles", List.of("offline_access", "dispatcher"))))).isTrue();
        assertThat(PlatformRoles.hasAny(token("roles", List.of("offline_access", "uma_authorization")))).isFalse();
        assertThat(PlatformRoles.hasAny(token("scope", "openid"))).isFalse();
    }
}
