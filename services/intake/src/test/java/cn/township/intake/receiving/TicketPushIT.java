package cn.township.intake.receiving;

import cn.township.contracts.CloudEventHeaders;
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
import cn.township.messaging.trace.TraceContext;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ServiceIntegrationTest
class TicketPushIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    private static final String RECEIVED = "ticket.intake.TicketReceived.v1";
    private static TopicReader topic;

    @LocalServerPort
    int port;

    @Autowired
    MongoDatabase database;

    @BeforeAll
    static void openTopic() {
        topic = new TopicReader(Topics.INTAKE_TICKETS);
    }

    @AfterAll
    static void closeTopic() {
        topic.close();
    }

    private Http hotline() {
        return Http.to(port).asHotline();
    }

    @Test
    void aPushBecomesATicketAndATicketReceivedCloudEventOnTheTopic() {
        String ticketNo = TicketPushes.newTicketNo();
        String traceparent = TraceContext.newTraceparent();
        Http.Reply reply = hotline().header("traceparent", traceparent)
                .postJson("/api/intake/v1/tickets", TicketPushes.json(TicketPushes.valid(ticketNo)));

        assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
        String ticketId = reply.json().get("ticketId").asString();
        assertThat(reply.json().get("status").asString()).isEqualTo("RECEIVED");
        assertThat(reply.location()).isEqualTo("/api/intake/v1/tickets/" + ticketId);

        ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30))
                .until(() -> topic.poll(TopicReader.subject(ticketId)), l -> !l.isEmpty()).getFirst();
        assertThat(record.key()).isEqualTo(ticketId);
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(RECEIVED);
        assertThat(TopicReader.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicReader.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/township/intake");
        assertThat(TopicReader.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(TopicReader.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(Instant.parse(TopicReader.header(record, CloudEventHeaders.TIME))).isNotNull();
        String sentTrace = TopicReader.header(record, CloudEventHeaders.TRACEPARENT);
        assertThat(TraceContext.isValid(sentTrace)).isTrue();
        assertThat(sentTrace.substring(3, 35)).as("same trace id as the push").isEqualTo(traceparent.substring(3, 35));
        EventSchemas.assertValid(RECEIVED, record.value());

        TicketReceived event = EventJson.read(record.value(), TicketReceived.class);
        assertThat(event.ticketNo()).isEqualTo(ticketNo);
        assertThat(event.source()).isEqualTo(TicketSource.HOTLINE_12345);
        assertThat(event.category()).isEqualTo("drainage");
        assertThat(event.leadDepartment()).isEqualTo("construction");
        assertThat(event.village()).isEqualTo("nancha");
        assertThat(event.manualRouting()).isFalse();
        assertThat(event.receivedAt()).isEqualTo(Instant.parse("2026-05-01T00:30:00Z"));
        assertThat(event.complainant().phoneMasked()).isEqualTo("138****1234");
        assertThat(event.complainant().phoneKey()).hasSize(64).doesNotContain("13812341234");
        assertThat(new String(record.value())).doesNotContain("13812341234");
    }

    @Test
    void thePhoneIsStoredSealedNotInClear() {
        String ticketNo = TicketPushes.newTicketNo();
        hotline().postJson("/api/intake/v1/tickets", TicketPushes.json(TicketPushes.valid(ticketNo)));
        Document stored = database.getCollection("tickets").find(Filters.eq("ticketNo", ticketNo)).first();
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain("13812341234");
        Document complainant = stored.get("complainant", Document.class);
        assertThat(complainant.getString("phoneMasked")).isEqualTo("138****1234");
        assertThat(complainant.getString("phoneSealed")).isNotBlank();
    }

    @Test
    void theSamePushAgainAnswers200WithTheSameTicketAndPublishesNothingNew() {
        String ticketNo = TicketPushes.newTicketNo();
        String body = TicketPushes.json(TicketPushes.valid(ticketNo));
        Http.Reply first = hotline().postJson("/api/intake/v1/tickets", body);
        String ticketId = first.json().get("ticketId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(TopicReader.subject(ticketId)), l -> l.size() == 1);

        // the same content with other whitespace around it is the same push
        Http.Reply again = hotline().postJson("/api/intake/v1/tickets",
                "  " + TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo), Map.of())) + "\n");

        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().get("ticketId").asString()).isEqualTo(ticketId);
        assertThat(database.getCollection("tickets").countDocuments(Filters.eq("ticketNo", ticketNo))).isEqualTo(1);
        Document stored = database.getCollection("tickets").find(Filters.eq("_id", ticketId)).first();
        assertThat(stored.getLong("version")).isEqualTo(1L);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> topic.poll(TopicReader.subject(ticketId)), l -> l.size() == 1);
    }

    @Test
    void theSameTicketNumberWithADifferentBodyIsAConflict() {
        String ticketNo = TicketPushes.newTicketNo();
        Http.Reply first = hotline().postJson("/api/intake/v1/tickets", TicketPushes.json(TicketPushes.valid(ticketNo)));
        Http.Reply other = hotline().postJson("/api/intake/v1/tickets",
                TicketPushes.json(TicketPushes.with(TicketPushes.valid(ticketNo), Map.of("content", "另一件事"))));

        assertThat(other.status()).as(other.toString()).isEqualTo(409);
        assertThat(other.isProblem()).isTrue();
        assertThat(other.json().get("detail").asString()).contains(ticketNo);
        assertThat(other.json().get("ticketId").asString()).isEqualTo(first.json().get("ticketId").asString());
        Document stored = database.getCollection("tickets").find(Filters.eq("ticketNo", ticketNo)).first();
        assertThat(stored.getString("content")).startsWith("邻居建房");
    }

    @Test
    void concurrentDuplicatePushesGiveExactlyOneTicket() throws Exception {
        String ticketNo = TicketPushes.newTicketNo();
        String body = TicketPushes.json(TicketPushes.valid(ticketNo));
        int callers = 24;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Http.Reply>> replies = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                replies.add(pool.submit(() -> {
                    start.await();
                    return hotline().postJson("/api/intake/v1/tickets", body);
                }));
            }
            start.countDown();
        }
        List<Http.Reply> done = new ArrayList<>();
        for (Future<Http.Reply> f : replies) {
            done.add(f.get());
        }
        assertThat(done).extracting(Http.Reply::status).containsOnly(201, 200);
        assertThat(done).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(done).extracting(r -> r.json().get("ticketId").asString()).containsOnly(
                done.getFirst().json().get("ticketId").asString());
        assertThat(database.getCollection("tickets").countDocuments(Filters.eq("ticketNo", ticketNo))).isEqualTo(1);
        String ticketId = done.getFirst().json().get("ticketId").asString();
        await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(TopicReader.subject(ticketId)), l -> l.size() == 1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> topic.poll(TopicReader.subject(ticketId)), l -> l.size() == 1);
    }
}
