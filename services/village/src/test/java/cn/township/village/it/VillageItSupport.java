package cn.township.village.it;

import cn.township.infra.testing.MutableClock;
import cn.township.contracts.Topics;
import cn.township.infra.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.UUID;

/**
 * The whole village service against the real test Kafka and MongoDB, with a clock tests can move forward.
 * The deadline sweeper runs rarely on its own; tests that need it call it.
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

    /** Each test works in a village of its own. */
    protected String village;

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
        api = new Api(port);
        village = "v-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        MutableClock clock() {
            return MutableClock.ticking();
        }
    }
}
