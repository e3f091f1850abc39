package cn.township.dispatch.it;

import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Duration;
import java.time.Instant;

/**
 * The demo users of the realm {@code township} the tests act as (password {@code demo}), and their tokens.
 * Tokens live 15 minutes; a token handed out is at most 5 minutes old, so no test class outlives one.
 */
public final class Users {

    public static final String SECRETARY = "secretary";
    public static final String DISPATCHER = "dispatcher";
    /** department=construction: leads the test cases. */
    public static final String CONSTRUCTION = "dept-construction";
    /** department=agriculture: another department (re-routed to, summoned, or kept out). */
    public static final String AGRICULTURE = "dept-agriculture";
    /** agency=police. */
    public static final String POLICE = "agency-police";
    /** agency=market-supervision. */
    public static final String MARKET = "agency-market";
    public static final String CADRE_NANCHA = "cadre-nancha";
    public static final String CADRE_BEITUMEN = "cadre-beitumen";
    public static final String GRID_NANCHA = "grid-nancha";
    public static final String ELDER_NANCHA = "elder-nancha-1";
    public static final String VILLAGER_NANCHA = "villager-nancha";
    public static final String MEDIATOR = "mediator";
    public static final String ASSESSOR = "assessor";

    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static KeycloakTokens tokens;
    private static Instant fetchedAt = Instant.MIN;

    private Users() {
    }

    public static String token(String demoUser) {
        return tokens().user(demoUser);
    }

    public static String hotline() {
        return tokens().hotline();
    }

    /** Points the service under test at the realm the tokens come from. */
    public static void realm(DynamicPropertyRegistry registry) {
        registry.add("township.security.issuer-uri", TestInfrastructure::keycloakIssuer);
    }

    private static synchronized KeycloakTokens tokens() {
        if (tokens == null || fetchedAt.plus(MAX_AGE).isBefore(Instant.now())) {
            tokens = new KeycloakTokens(TestInfrastructure.keycloakIssuer());
            fetchedAt = Instant.now();
        }
        return tokens;
    }
}
