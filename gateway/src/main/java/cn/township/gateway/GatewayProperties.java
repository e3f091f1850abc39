package cn.township.gateway;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code township.gateway.*}: token checks, public paths, body size and rate limits.
 *
 * @param issuerUri   the realm issuer tokens must carry; unset: {@code KEYCLOAK_ISSUER_URI}, else
 *                    {@code http://127.0.0.1:8180/realms/township}
 * @param jwkSetUri   where the signing keys are fetched (default {@code <issuer>/protocol/openid-connect/certs})
 * @param audience    required {@code aud} value
 * @param publicPaths requests let through without a token, each {@code "<METHOD> <path pattern>"} or
 *                    {@code "* <pattern>"} for any method (a token that is present is still checked)
 * @param bodyLimit   request body limits
 * @param rateLimit   per-client rate limits
 */
@ConfigurationProperties("township.gateway")
public record GatewayProperties(@Nullable String issuerUri, @Nullable String jwkSetUri, String audience,
                                List<String> publicPaths, BodyLimit bodyLimit, RateLimit rateLimit) {

    public GatewayProperties {
        audience = audience == null ? "township-api" : audience;
        publicPaths = publicPaths == null ? List.of() : List.copyOf(publicPaths);
        bodyLimit = bodyLimit == null ? new BodyLimit(null, null) : bodyLimit;
        rateLimit = rateLimit == null ? new RateLimit(null, null, null, null) : rateLimit;
    }

    public String issuer(@Nullable String fromEnvironment) {
        if (issuerUri != null && !issuerUri.isBlank()) {
            return issuerUri;
        }
        return fromEnvironment != null && !fromEnvironment.isBlank() ? fromEnvironment
                : "http://127.0.0.1:8180/realms/township";
    }

    public String jwkSet(String issuer) {
        return jwkSetUri != null && !jwkSetUri.isBlank() ? jwkSetUri : issuer + "/protocol/openid-connect/certs";
    }

    /**
     * @param defaultMax the limit for paths without their own
     * @param paths      path prefix → limit (longest prefix wins), e.g. {@code /api/intake: 64KB}
     */
    public record BodyLimit(@Nullable DataSize defaultMax, @Nullable Map<String, DataSize> paths) {
        public BodyLimit {
            defaultMax = defaultMax == null ? DataSize.ofKilobytes(256) : defaultMax;
            paths = paths == null ? Map.of() : Map.copyOf(paths);
        }
    }

    /**
     * Token buckets kept in this gateway's memory (one instance; with several instances each gets its share).
     *
     * @param user      quota of each signed-in user ({@code preferred_username})
     * @param clients   quota per OAuth client id ({@code azp}); every token of such a client shares it
     * @param anonymous quota per remote address for requests without a token
     * @param idleAfter buckets unused this long are forgotten
     */
    public record RateLimit(@Nullable Quota user, @Nullable Map<String, Quota> clients, @Nullable Quota anonymous,
                            @Nullable Duration idleAfter) {
        public RateLimit {
            user = user == null ? new Quota(20, 40) : user;
            clients = clients == null ? Map.of("hotline", new Quota(200, 400)) : Map.copyOf(clients);
            anonymous = anonymous == null ? new Quota(5, 10) : anonymous;
            idleAfter = idleAfter == null ? Duration.ofMinutes(10) : idleAfter;
        }
    }

    /**
     * @param perSecond sustained requests per second
     * @param burst     bucket size: requests allowed at once after a quiet spell
     */
    public record Quota(double perSecond, int burst) {
        public Quota {
            if (perSecond <= 0 || burst < 1) {
                throw new IllegalArgumentException("a quota needs perSecond > 0 and burst >= 1");
            }
        }
    }
}
