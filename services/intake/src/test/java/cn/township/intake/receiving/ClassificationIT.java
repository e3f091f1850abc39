package cn.township.intake.receiving;

import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.Topics;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.TicketPushes;
import cn.township.intake.support.TopicReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
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
        return Http.to(port).as("city-12345", "hotline");
    }

    private Http dispatcher() {
        return Http.to(port).as("wang", "dispatcher");
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
    void phonesAreClearOnlyForRolesThatNeedThemAndConfidentialComplainantsStayAtTheTownship() {
        String open = push(TicketPushes.valid(TicketPushes.newTicketNo()));
        String confidential = push(TicketPushes.with(TicketPushes.valid(TicketPushes.newTicketNo()),
                Map.of("confidential", true)));

        assertThat(dispatcher().get("/api/intake/v1/tickets/" + open).json().get("complainant").get("phone").asString())
                .isEqualTo("13812341234");
        Http cadre = Http.to(port).as("zhao", "village-cadre").header("X-Village", "nancha");
        JsonNode seenByCadre = cadre.get("/api/intake/v1/tickets/" + open).json();
        assertThat(seenByCadre.get("complainant").get("phone").asString()).isEqualTo("138****1234");
        Http department = Http.to(port).as("liu", "department").header("X-Department", "construction");
        assertThat(department.get("/api/intake/v1/tickets/" + open).json().get("complainant").get("phone").asString())
                .isEqualTo("138****1234");

        assertThat(cadre.get("/api/intake/v1/tickets/" + confidential).json().has("complainant")).isFalse();
        assertThat(dispatcher().get("/api/intake/v1/tickets/" + confidential).json().get("complainant").get("name")
                .asString()).isEqualTo("张女士");

        Http otherVillage = Http.to(port).as("sun", "village-cadre").header("X-Village", "beitumen");
        assertThat(otherVillage.get("/api/intake/v1/tickets/" + open).status()).isEqualTo(404);
        Http otherDepartment = Http.to(port).as("qian", "department").header("X-Department", "market");
        assertThat(otherDepartment.get("/api/intake/v1/tickets/" + open).status()).isEqualTo(404);
        for (JsonNode t : cadre.get("/api/intake/v1/tickets?size=200").json()) {
            assertThat(t.get("village").asString()).isEqualTo("nancha");
            if (t.has("complainant") && t.get("complainant").has("phone")) {
                assertThat(t.get("complainant").get("phone").asString()).contains("****");
            }
        }
    }

    @Test
    void aGridWorkersReportBecomesAGridTicketCountedApart() {
        Http worker = Http.to(port).as("grid-li", "grid-worker").header("X-Village", "nancha").header("X-Grid", "nancha-02");
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
        assertThat(event.grid()).isEqualTo("nancha-02");
        assertThat(event.reportedBy()).isEqualTo("grid-li");
        JsonNode after = dispatcher().get("/api/intake/v1/tickets/counts").json().get("bySource");
        assertThat(after.get("GRID").asLong()).isEqualTo(before.get("GRID").asLong() + 1);
        assertThat(after.get("HOTLINE_12345").asLong()).isEqualTo(before.get("HOTLINE_12345").asLong());

        assertThat(hotline().postJson("/api/intake/v1/grid-reports", report).status()).isEqualTo(403);
        Http.Reply unknownGrid = worker.postJson("/api/intake/v1/grid-reports",
                "{\"reportId\":\"P-x\",\"category\":\"drainage\",\"description\":\"x\",\"grid\":\"mars-01\"}");
        assertThat(unknownGrid.status()).isEqualTo(400);
    }
}
