package cn.township.security;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;
import java.util.List;

/**
 * {@code township.security.*}.
 *
 * @param issuerUri   the realm's issuer; tokens must carry exactly this {@code iss}. Unset: the environment variable
 *                    {@code KEYCLOAK_ISSUER_URI}, else {@code http://127.0.0.1:8180/realms/township}
 * @param jwkSetUri   where to fetch the signing keys; default {@code <issuer>/protocol/openid-connect/certs}. Set it
 *                    when the service reaches Keycloak under another address than the public issuer
 * @param audience    an {@code aud} value every token must carry
 * @param clockSkew   tolerance for {@code exp}/{@code nbf}
 * @param publicPaths further paths answered without a token (path patterns), besides the built-in
 *                    {@link #ALWAYS_PUBLIC} (health, OpenAPI document, the error page)
 */
@ConfigurationProperties("township.security")
public record TownshipSecurityProperties(@Nullable String issuerUri, @Nullable String jwkSetUri,
                                         @Nullable String audience, @Nullable Duration clockSkew,
                                         @Nullable List<String> publicPaths) {

    public static final List<String> ALWAYS_PUBLIC =
            List.of("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**", "/error");

    static final String DEFAULT_ISSUER = "http://127.0.0.1:8180/realms/township";

    public TownshipSecurityProperties {
        audience = audience == null ? "township-api" : audience;
        clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
    }

    List<String> allPublicPaths() {
        return java.util.stream.Stream.concat(ALWAYS_PUBLIC.stream(), publicPaths.stream()).toList();
    }

    String issuer(@Nullable String fromEnvironment) {
        if (issuerUri != null && !issuerUri.isBlank()) {
            return issuerUri;
        }
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment : DEFAULT_ISSUER;
    }

    String jwkSet(String issuer) {
        return jwkSetUri != null && !jwkSetUri.isBlank() ? jwkSetUri : issuer + "/protocol/openid-connect/certs";
    }
}
