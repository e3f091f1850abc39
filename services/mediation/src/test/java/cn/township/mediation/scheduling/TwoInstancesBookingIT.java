package cn.township.mediation.scheduling;

import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.MediationApplication;
import cn.township.mediation.support.Api;
import cn.township.mediation.support.Files;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static cn.township.mediation.support.Times.at;
import static cn.township.mediation.support.Times.weekday;
import static org.assertj.core.api.Assertions.assertThat;

/** Two instances of the service on one database: a double booking is refused whichever instance takes it. */
@ServiceIntegrationTest
class TwoInstancesBookingIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void concurrentBookingsOnTwoInstancesNeverDoubleBookTheElder() throws Exception {
        // command-line arguments outrank application.yml, as the first instance's test properties do
        try (var second = new SpringApplicationBuilder(MediationApplication.class).run(
                "--server.port=0",
                "--spring.mongodb.uri=" + environment.getProperty("spring.mongodb.uri"),
                "--spring.kafka.bootstrap-servers=" + environment.getProperty("spring.kafka.bootstrap-servers"),
                "--township.security.issuer-uri=" + environment.getProperty("township.security.issuer-uri"));
             var pool = Executors.newFixedThreadPool(2)) {
            Api one = Api.at(port).mediator();
            Api two = Api.at(Integer.parseInt(second.getEnvironment().getProperty("local.server.port"))).mediator();
            LocalDate wednesday = weekday(Instant.now(), 14, DayOfWeek.WEDNESDAY);
            String[][] hours = {{"09:00", "10:00"}, {"10:00", "11:00"}, {"14:00", "15:30"}, {"16:00", "17:00"}};
            for (String[] h : hours) {
                Instant start = at(wednesday, h[0]);
                Instant end = at(wednesday, h[1]);
                String a = Files.booking(Files.open(one, "beitumen", "NEIGHBOUR"), start, end, "beitumen-committee",
                        List.of("adviser-li", "elder-beitumen-1"));
                String b = Files.booking(Files.open(two, "beitumen", "NEIGHBOUR"), start, end, "township-roundtable",
                        List.of("adviser-zhang", "elder-beitumen-1"));
                CountDownLatch go = new CountDownLatch(1);
                var first = CompletableFuture.supplyAsync(() -> post(go, one, a), pool);
                var other = CompletableFuture.supplyAsync(() -> post(go, two, b), pool);
                go.countDown();
                List<Api.Response> both = List.of(first.get(), other.get());

                assertThat(both).extracting(Api.Response::status).as(both.toString()).containsExactlyInAnyOrder(201, 409);
                Api.Response lost = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertThat(lost.text("detail")).contains("elder-beitumen-1");
            }
        }
    }

    private static Api.Response post(CountDownLatch go, Api api, String body) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return api.post("/api/mediation/sessions", body);
    }
}
