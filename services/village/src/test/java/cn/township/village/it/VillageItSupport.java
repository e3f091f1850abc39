package cn.township.village.it;

import cn.township.infra.testing.MutableClock;
import cn.township.contracts.Topics;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;

/**
 * The whole village service against the real test Kafka and MongoDB and the realm's Keycloak (real tokens of the
 * demo users), with a clock tests can move forward. The deadline sweeper runs rarely on its own; tests that need
 * it call it.
 *
 * <p>The demo users live in two villages, {@code nancha} and {@code beitumen}, so all test classes of this
 * context share them: tests use fresh case, deliberation and project ids and households of their own wherever
 * the realm does not fix them, and look for their own records in lists instead of counting whole lists.
 */
@ServiceIntegrationTest
@Import(VillageItSupport.ClockConfig.class)
@TestPropertySource(properties = {"township.village.sweep-interval=PT1H", "township.village.group-id=village-it",
        "township.messaging.retry-interval=PT0.1S"})
public abstract class VillageItSupport {

    /** How long to wait at most for something asynchronous (the test machine may be heavily loaded). */
    protected static final Duration WAIT = Duration.ofSeconds(90);

    protected static Wire wire;

    @Autowired
    protected MutableClock clock;

    @LocalServerPort
    private int port;

    protected Api api;

    /** Tokens fetched afresh for each test class (they live 15 minutes; a whole run may last longer). */
    private static KeycloakTokens tokens;

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        registry.add("township.security.issuer-uri", TestInfrastructure::keycloakIssuer);
    }

    @BeforeAll
    static void freshTokens() {
        tokens = new KeycloakTokens(TestInfrastructure.keycloakIssuer());
    }

    @AfterAll
    static void stopRecording() {
        if (wire != null) {
            wire.close();
            wire = null;
        }
    }

    @BeforeEach
    void setUpApi() {
        if (wire == null) { // once the application has created its topics
            wire = new Wire(Topics.VILLAGE_AFFAIRS);
        }
        api = new Api(port, tokens);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        MutableClock clock() {
            return MutableClock.ticking();
        }
    }
}
