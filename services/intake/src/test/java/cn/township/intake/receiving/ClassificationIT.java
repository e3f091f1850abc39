package cn.township.intake.receiving;

import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.Topics;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import cn.township.intake.support.TicketPushes;
import cn.township.intake.support.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Routing by gazetteer, repeat callers, several callers about one place, grid reports and who sees what. */
@ServiceIntegrationTest
class ClassificationIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    private static TopicReader topic;

    @LocalServerPort
    int port;

    @BeforeAll
    static void open() {
        topic = new TopicReader(Topics.INTAKE_TICKETS);
    }

    @AfterAll
    static void close() {
        topic.close();
    }

    private Http hotline() {
        return Http.to(port).asHotline();
    }

    private Http dispatcher() {
        return Http.to(port).as("dispatcher");
    }

    private String push(Object body) {
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets", TicketPushes.json(body));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("ticketId").asString();
    }

    private TicketReceived received(String ticketId) {
        var record = await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.poll(TopicReader.subject(ticketId)), l -> !l.isEmpty()).getFirst();
        EventSchemas.assertValid("ticket.intake.TicketReceived.v1", record.value());
        return EventJson.read(record.value(), TicketReceived.class);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }

    @Test
    void aRepeatCallerIsLinkedToTheirEarlierTicket() {
        String phone = "1390000" + (1000 + (int) (Math.random() * 8999));
        var base = TicketPushes.phone(TicketPushes.valid(TicketPushes.newTicketNo()), phone);
        String first = push(TicketPushes.with(base, Map.of("category", "street-lights",
                "address", "熊儿寨乡北土门村村委会西侧路灯", "receivedAt", "2026-05-01T08:00:00+08:00",
                "dueAt", "2026-12-31T00:00:00+08:00")));
        String second = push(TicketPushes.with(base, Map.of("ticketNo", TicketPushes.newTicketNo(),
                "category", "street-lights", "address", "北土门村西路口", "receivedAt", "2026-05-20T09:00:00+08:00",
                "dueAt", "2026-12-31T00:00:00+08:00")));
        String afterWindow = push(TicketPushes.with(base, Map.of("ticketNo", TicketPushes.newTicketNo(),
                "category", "street-lights", "address", "北土门村", "receivedAt", "2026-07-30T09:00:00+08:00",
                "dueAt", "2026-12-31T00:00:00+08:00")));

        assertThat(received(first).linkedTicketIds()).isEmpty();
        TicketReceived repeat = received(second);
        assertThat(repeat.village()).isEqualTo("beitumen");
        assertThat(repeat.linkedTicketIds()).containsExactly(first);
        assertThat(repeat.complainant().phoneKey()).isEqualTo(received(first).complainant().phoneKey());
        assertThat(received(afterWindow).linkedTicketIds()).as("more than 30 days later").isEmpty();
        assertThat(strings(dispatcher().get("/api/intake/v1/tickets/" + second).json().get("linkedTicketIds")))
                .containsExactly(first);
    }

    @Test
    void aConfidentialComplainantIsNotLinkedByPhoneEitherWayAndNotInTheEvent() {
        String phone = "1390001" + (1000 + (int) (Math.random() * 8999));
        var base = TicketPushes.with(TicketPushes.phone(TicketPushes.valid(TicketPushes.newTicketNo()), phone),
                Map.of("category", "roads", "address", "南岔村村口", "dueAt", "2026-12-31T00:00:00+08:00"));
        String open = push(TicketPushes.with(base, Map.of("receivedAt", "2026-05-01T08:00:00+08:00")));
        String confidential = push(TicketPushes.with(base, Map.of("ticketNo", TicketPushes.newTicketNo(),
                "receivedAt", "2026-05-02T08:00:00+08:00", "confidential", true)));
        String openAgain = push(TicketPushes.with(base, Map.of("ticketNo", TicketPushes.newTicketNo(),
                "receivedAt", "2026-05-03T08:00:00+08:00")));

        TicketReceived secret = received(confidential);
        assertThat(secret.confidential()).isTrue();
        assertThat(secret.complainant()).as("no name, masked phone or phone key of a confidential complainant").isNull();
        assertThat(secret.linkedTicketIds()).isEmpty();
        assertThat(received(openAgain).linkedTicketIds()).containsExactly(open);
        var record = topic.poll(TopicReader.subject(confidential));
        assertThat(record).isNotEmpty();
        String payload = new String(record.getLast().value(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(payload).doesNotContain("张女士").doesNotContain("phoneMasked").doesNotContain("phoneKey");
        // intake still knows who it is, for the township
        assertThat(dispatcher().get("/api/intake/v1/tickets/" + confidential).json().get("complainant").get("phone")
                .asString()).isEqualTo(phone);
    }

    @Test
    void severalCallersAboutOnePlaceAndProblemAreProposedAsOneCase() {
        var base = TicketPushes.with(TicketPushes.valid(TicketPushes.newTicketNo()), Map.of("category", "water-supply",
                "address", "熊儿寨乡花峪村", "receivedAt", "2026-06-02T08:00:00+08:00", "dueAt", "2026-12-31T00:00:00+08:00"));
        String a = push(TicketPushes.phone(base, "13700001111"));
        String b = push(TicketPushes.phone(TicketPushes.with(base, Map.of("ticketNo", TicketPushes.newTicketNo(),
                "receivedAt", "2026-06-03T10:00:00+08:00")), "13700002222"));
        JsonNode view = dispatcher().get("/api/intake/v1/tickets/" + b).json();
        assertThat(strings(view.get("similarTicketIds"))).containsExactly(a);
        assertThat(strings(view.get("linkedTicketIds"))).isEmpty();
    }

    @Test
    void anAddressMatchingNoVillageIsFlaggedForManualRoutingNotDropped() {
        String id = push(TicketPushes.with(TicketPushes.valid(TicketPushes.newTicketNo()),
                Map.of("address", "某小区3号楼", "location", Map.of("lat", 39.9, "lng", 116.4))));
        TicketReceived event = received(id);
        assertThat(event.manualRouting()).isTrue();
        assertThat(event.village()).isNull();
        assertThat(dispatcher().get("/api/intake/v1/tickets/" + id).json().get("manualRouting").asBoolean()).isTrue();
    }

    @Test
    void aMapPointInsideAVillageRoutesThere() {
        String id = push(TicketPushes.with(TicketPushes.valid(TicketPushes.newTicketNo()),
                Map.of("address", "山路边", "location", Map.of("lat", 40.2706, "lng", 117.2092))));
        assertThat(received(id).village()).isEqualTo("beitumen");
    }

    @Test
    void aGridWorkersReportBecomesAGridTicketCountedApart() {
        Http worker = Http.to(port).as("grid-nancha");
        JsonNode before = dispatcher().get("/api/intake/v1/tickets/counts").json().get("bySource");
        String report = "{\"reportId\":\"P-" + System.nanoTime() + "\",\"category\":\"drainage\","
                + "\"description\":\"独居老人家门口排水沟堵塞\",\"photos\":[{\"url\":\"https://f.example/g.jpg\",\"mediaType\":\"image/jpeg\"}]}";
        Http.Reply r = worker.postJson("/api/intake/v1/grid-reports", report);
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        String id = r.json().get("ticketId").asString();
        Http.Reply again = worker.postJson("/api/intake/v1/grid-reports", report);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("ticketId").asString()).isEqualTo(id);

        TicketReceived event = received(id);
        assertThat(event.source()).isEqualTo(TicketSource.GRID);
        assertThat(event.ticketNo()).isNull();
        assertThat(event.village()).isEqualTo("nancha");
        assertThat(event.grid()).as("the worker's own grid, from the token").isEqualTo("nancha-01");
        assertThat(event.reportedBy()).isEqualTo("grid-nancha");
        JsonNode after = dispatcher().get("/api/intake/v1/tickets/counts").json().get("bySource");
        assertThat(after.get("GRID").asLong()).isEqualTo(before.get("GRID").asLong() + 1);
        assertThat(after.get("HOTLINE_12345").asLong()).isEqualTo(before.get("HOTLINE_12345").asLong());

        assertThat(hotline().postJson("/api/intake/v1/grid-reports", report).status()).isEqualTo(403);
        Http.Reply unknownGrid = worker.postJson("/api/intake/v1/grid-reports",
                "{\"reportId\":\"P-x\",\"category\":\"drainage\",\"description\":\"x\",\"grid\":\"mars-01\"}");
        assertThat(unknownGrid.status()).isEqualTo(400);
        Http.Reply otherVillagesGrid = worker.postJson("/api/intake/v1/grid-reports",
                "{\"reportId\":\"P-y\",\"category\":\"drainage\",\"description\":\"x\",\"grid\":\"beitumen-01\"}");
        assertThat(otherVillagesGrid.status()).as(otherVillagesGrid.toString()).isEqualTo(403);
        assertThat(otherVillagesGrid.isProblem()).isTrue();
        Http.Reply inOwnVillage = Http.to(port).as("grid-beitumen").postJson("/api/intake/v1/grid-reports",
                "{\"reportId\":\"P-" + System.nanoTime() + "\",\"category\":\"drainage\",\"description\":\"x\","
                        + "\"grid\":\"beitumen-02\"}");
        assertThat(inOwnVillage.status()).as(inOwnVillage.toString()).isEqualTo(201);
        assertThat(received(inOwnVillage.json().get("ticketId").asString()).grid()).isEqualTo("beitumen-02");
    }
}
