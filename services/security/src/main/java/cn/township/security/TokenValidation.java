package cn.township.security;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** The checks every token passes: signature (by the decoder), expiry, issuer, audience; roles as authorities. */
public final class TokenValidation {

    private TokenValidation() {
    }

    /** Expiry/not-before (with skew, against the clock), exact issuer, and the audience. */
    public static OAuth2TokenValidator<Jwt> validator(String issuer, String audience, Duration clockSkew, Clock clock) {
        JwtTimestampValidator timestamps = new JwtTimestampValidator(clockSkew);
        timestamps.setClock(clock);
        OAuth2TokenValidator<Jwt> audienceCheck = jwt -> {
            List<String> aud = jwt.getAudience();
            if (aud != null && aud.contains(audience)) {
                return OAuth2TokenValidatorResult.success();
            }
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                    "the token's audience " + (aud == null ? "[]" : aud) + " does not include " + audience, null));
        };
        return new DelegatingOAuth2TokenValidator<>(timestamps, new JwtIssuerValidator(issuer), audienceCheck);
    }

    /** {@code ROLE_<role>} for each platform role in the token. */
    public static Collection<GrantedAuthority> authorities(Jwt jwt) {
        return Caller.roles(jwt.getClaims()).stream()
                .<GrantedAuthority>map(role -> new SimpleGrantedAuthority("ROLE_" + role)).toList();
    }

    /** Authentication named after {@code preferred_username}, with {@link #authorities(Jwt)}. */
    public static JwtAuthenticationConverter authenticationConverter() {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(TokenValidation::authorities);
        converter.setPrincipalClaimName("preferred_username");
        return converter;
    }
}
