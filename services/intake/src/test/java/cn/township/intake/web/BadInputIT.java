package cn.township.intake.web;

import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import cn.township.intake.support.TicketPushes;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Each class of bad input gets its status as problem+json naming the field, and nothing is stored. */
@ServiceIntegrationTest
class BadInputIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    private Http hotline() {
        return Http.to(port).asHotline();
    }

    private void assertNothingStored(String ticketNo) {
        assertThat(database.getCollection("tickets").countDocuments(Filters.eq("ticketNo", ticketNo))).isZero();
    }

    private static List<String> fields(Http.Reply reply) {
        List<String> fields = new ArrayList<>();
        for (JsonNode e : reply.json().get("errors")) {
            fields.add(e.get("field").asString());
        }
        return fields;
    }

    @Test
    void malformedJsonIs400() {
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets", "{\"ticketNo\": \"X-1\", \"content\": ");
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("title").asString()).isEqualTo("Malformed JSON");
        assertNothingStored("X-1");
    }

    @Test
    void aWrongMediaTypeIs415() {
        String ticketNo = TicketPushes.newTicketNo();
        Http.Reply r = hotline().post("/api/intake/v1/tickets", "text/plain",
                TicketPushes.json(TicketPushes.valid(ticketNo)));
        assertThat(r.status()).as(r.toString()).isEqualTo(415);
        assertThat(r.isProblem()).isTrue();
        assertNothingStored(ticketNo);
    }

    @Test
    void aBodyOver64KibIs413WithAndWithoutContentLength() {
        String ticketNo = TicketPushes.newTicketNo();
        String huge = TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo),
                Map.of("content", "长".repeat(30_000))));
        assertThat(huge.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isGreaterThan(65_536);
        Http.Reply declared = hotline().postJson("/api/intake/v1/tickets", huge);
        assertThat(declared.status()).as(declared.toString()).isEqualTo(413);
        assertThat(declared.isProblem()).isTrue();

        byte[] bytes = huge.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Http.Reply chunked = hotline().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/api/intake/v1/tickets")).header("Authorization", "Bearer " + Realm.hotline())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
        assertThat(chunked.status()).as(chunked.toString()).isEqualTo(413);
        assertThat(chunked.isProblem()).isTrue();
        assertNothingStored(ticketNo);
    }

    @Test
    void anUnknownCategoryIs422NamingTheField() {
        String ticketNo = TicketPushes.newTicketNo();
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets",
                TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo), Map.of("category", "ufo-sightings"))));
        assertThat(r.status()).as(r.toString()).isEqualTo(422);
        assertThat(r.isProblem()).isTrue();
        assertThat(fields(r)).containsExactly("category");
        assertThat(r.json().get("detail").asString()).contains("ufo-sightings");
        assertNothingStored(ticketNo);
    }

    @Test
    void everyInvalidFieldIsNamed() {
        String ticketNo = TicketPushes.newTicketNo();
        Map<String, Object> changes = new HashMap<>();
        changes.put("receivedAt", "yesterday");
        changes.put("channel", "FAX");
        changes.put("kind", null);
        changes.put("content", "");
        changes.put("urgency", "VERY");
        changes.put("dueAt", "2026-04-01T00:00:00+08:00");
        changes.put("location", Map.of("lat", 95.0, "lng", 117.2));
        changes.put("complainant", Map.of("name", "王", "phone", "12345"));
        changes.put("attachments", List.of(Map.of("url", "ftp://x/y", "mediaType", "image/jpeg")));
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets",
                TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo), changes)));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(fields(r)).containsExactlyInAnyOrder("receivedAt", "channel", "kind", "content", "urgency",
                "location.lat", "complainant.phone", "attachments[0].url");
        assertNothingStored(ticketNo);

        Http.Reply due = hotline().postJson("/api/intake/v1/tickets", TicketPushes.json(TicketPushes.with(
                TicketPushes.valid(ticketNo), Map.of("dueAt", "2026-04-01T00:00:00+08:00"))));
        assertThat(fields(due)).containsExactly("dueAt");
    }

    @Test
    void aValueOfTheWrongJsonTypeIs400NamingTheField() {
        String ticketNo = TicketPushes.newTicketNo();
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets",
                TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo), Map.of("confidential", List.of(1)))));
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(fields(r)).containsExactly("confidential");
        assertNothingStored(ticketNo);
    }

    @Test
    void missingRequiredFieldsAreEachNamed() {
        Http.Reply r = hotline().postJson("/api/intake/v1/tickets", "{}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(fields(r)).contains("ticketNo", "receivedAt", "channel", "kind", "category", "content", "address",
                "complainant");
    }

    @Test
    void noIdentityIs401AndTheWrongRoleIs403() {
        String body = TicketPushes.json(TicketPushes.valid(TicketPushes.newTicketNo()));
        Http.Reply anonymous = Http.to(port).postJson("/api/intake/v1/tickets", body);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.isProblem()).isTrue();
        Http.Reply villager = Http.to(port).as("villager-nancha").postJson("/api/intake/v1/tickets", body);
        assertThat(villager.status()).isEqualTo(403);
        assertThat(villager.isProblem()).isTrue();
    }
}
