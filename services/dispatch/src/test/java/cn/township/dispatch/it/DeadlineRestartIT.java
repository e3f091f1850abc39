package cn.township.dispatch.it;

import cn.township.infra.testing.MutableClock;
import cn.township.contracts.dispatch.DeadlineKind;
import cn.township.contracts.dispatch.SlaBreached;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.dispatch.DispatchApplication;
import cn.township.infra.testing.TestInfrastructure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Durable deadlines on a compressed clock: two dispatch instances share one database; each warning, the
 * breach and its escalation fire exactly once, also when both instances stop and new ones start while a
 * deadline passes.
 */
class DeadlineRestartIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-06-01T00:00:00Z"));
    static final Map<String, String> SECRETARY = Api.as(Users.SECRETARY);

    final String database = "dispatch-restart-" + UUID.randomUUID().toString().substring(0, 8);
    final String group = "dispatch-restart-" + UUID.randomUUID();
    final List<ConfigurableApplicationContext> running = new ArrayList<>();

    ConfigurableApplicationContext instance() {
        var context = new SpringApplicationBuilder(DispatchApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("clock", CLOCK))
                .run(// command-line arguments: they outrank application.yml
                        "--spring.kafka.bootstrap-servers=" + TestInfrastructure.kafkaBootstrapServers(),
                        "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                        "--server.port=0",
                        "--township.dispatch.consumer-group=" + group,
                        "--township.dispatch.timers.poll-interval=50ms",
                        "--township.security.issuer-uri=" + TestInfrastructure.keycloakIssuer());
        running.add(context);
        return context;
    }

    static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    void stopAll() {
        running.forEach(ConfigurableApplicationContext::close);
        running.clear();
    }

    @AfterEach
    void tearDown() {
        stopAll();
    }

    @Test
    void warningsBreachAndEscalationFireOnceEachAcrossInstancesAndARestart() {
        try (Wire wire = new Wire()) {
            var a = instance();
            var b = instance();
            Api api = new Api(port(a));
            String ticketId = Tickets.newId();
            String caseId = "C-" + ticketId;
            // general rule: first contact in 24 h, resolution in 7 days; warnings at 50 % and 80 %
            wire.publish(Tickets.general(ticketId, CLOCK.instant()));
            await().atMost(Duration.ofSeconds(90)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY).status() == 200);
            assertThat(api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{\"supervisingLeader\":\"deputy.chen\"}",
                    SECRETARY).status()).isEqualTo(200);

            CLOCK.advance(Duration.ofHours(13));
            await().atMost(Duration.ofSeconds(90)).until(() -> warnings(wire, caseId, DeadlineKind.FIRST_CONTACT, 0.5) == 1);

            stopAll(); // both instances go down ...
            CLOCK.advance(Duration.ofHours(7)); // ... while the 80 % mark (19.2 h) passes
            var c = instance();
            instance();
            Api api2 = new Api(port(c));
            await().atMost(Duration.ofSeconds(90)).until(() -> warnings(wire, caseId, DeadlineKind.FIRST_CONTACT, 0.8) == 1);

            CLOCK.advance(Duration.ofHours(5)); // 25 h: first contact breached
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(wire.count(caseId, SlaBreached.class))
                    .as("events so far: %s; case: %s", wire.about(caseId),
                            api2.get("/api/dispatch/cases/" + caseId, SECRETARY).body()).isEqualTo(1));
            SlaBreached breach = wire.events(caseId, SlaBreached.class).getFirst();
            assertThat(breach.deadline()).isEqualTo(DeadlineKind.FIRST_CONTACT);
            assertThat(breach.escalatedTo()).isEqualTo("deputy.chen");
            var view = api2.get("/api/dispatch/cases/" + caseId, SECRETARY).json();
            assertThat(view.path("escalatedTo").asString()).isEqualTo("deputy.chen");
            assertThat(view.path("deadlines").path("breached").asBoolean()).isTrue();
            assertThat(api2.get("/api/dispatch/cases?overdue=true&state=DISPATCHED&size=200", SECRETARY).body())
                    .as("first contact is overdue").contains(caseId);

            CLOCK.advance(Duration.ofHours(60)); // 85 h: resolution 50 % (84 h), a later timer behind the others
            await().atMost(Duration.ofSeconds(90)).until(() -> warnings(wire, caseId, DeadlineKind.RESOLUTION, 0.5) == 1);
            assertThat(warnings(wire, caseId, DeadlineKind.FIRST_CONTACT, 0.5)).isEqualTo(1);
            assertThat(warnings(wire, caseId, DeadlineKind.FIRST_CONTACT, 0.8)).isEqualTo(1);
            assertThat(wire.count(caseId, SlaBreached.class)).isEqualTo(1);
            assertThat(wire.count(caseId, SlaWarning.class)).isEqualTo(3);
            var timeline = api2.get("/api/dispatch/cases/" + caseId + "/timeline", SECRETARY).json().valueStream()
                    .map(n -> n.path("action").asString()).toList();
            assertThat(timeline.stream().filter("SLA_BREACHED"::equals)).hasSize(1);
            assertThat(timeline.stream().filter("SLA_WARNING"::equals)).hasSize(3);
        }
    }

    static long warnings(Wire wire, String caseId, DeadlineKind kind, double fraction) {
        return wire.about(caseId).stream().filter(p -> p.is(SlaWarning.class))
                .filter(p -> {
                    SlaWarning w = cn.township.contracts.EventJson.read(p.payload(), SlaWarning.class);
                    return w.deadline() == kind && w.fraction() == fraction;
                }).map(Wire.Published::id).distinct().count();
    }
}
