package cn.township.intake.support;

import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Instant;

/**
 * The realm {@code township} for tests: points the service at it and hands out real tokens of the demo users
 * and of the {@code hotline} service account. A token is fetched again when less than a minute of it is left,
 * so a long test run never sends an expired one.
 */
public final class Realm {

    private static final String ISSUER = TestInfrastructure.keycloakIssuer();
    private static KeycloakTokens tokens = new KeycloakTokens(ISSUER);

    private Realm() {
    }

    /** Use it in each integration test: {@code @DynamicPropertySource static void realm(r) { Realm.register(r); }}. */
    public static void register(DynamicPropertyRegistry registry) {
        registry.add("township.security.issuer-uri", () -> ISSUER);
    }

    public static String issuer() {
        return ISSUER;
    }

    /** A token of a demo user (password {@code demo}). */
    public static synchronized String user(String username) {
        return fresh(tokens.user(username), () -> tokens.user(username));
    }

    /** A token of the hotline client's service account. */
    public static synchronized String hotline() {
        return fresh(tokens.hotline(), tokens::hotline);
    }

    private static String fresh(String token, java.util.function.Supplier<String> again) {
        long expires = KeycloakTokens.claims(token).get("exp").asLong();
        if (expires - Instant.now().getEpochSecond() > 60) {
            return token;
        }
        tokens = new KeycloakTokens(ISSUER);
        return again.get();
    }
}
