package cn.township.intake.receiving;

import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.Topics;
import cn.township.contracts.intake.SatisfactionReported;
import cn.township.contracts.intake.TicketSupplemented;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import cn.township.intake.support.TicketPushes;
import cn.township.intake.support.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The city's follow-ups: each applied once per messageId, published, and refused when the state forbids. */
@ServiceIntegrationTest
class FollowUpIT {

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

    private String newTicket() {
        return hotline().postJson("/api/intake/v1/tickets", TicketPushes.json(TicketPushes.valid(TicketPushes.newTicketNo())))
                .json().get("ticketId").asString();
    }

    private List<ConsumerRecord<String, byte[]>> events(String ticketId, String ceType, int expected) {
        Predicate<ConsumerRecord<String, byte[]>> match = TopicReader.subject(ticketId).and(TopicReader.type(ceType));
        return await().atMost(Duration.ofSeconds(30)).until(() -> topic.poll(match), l -> l.size() >= expected);
    }

    @Test
    void anUrgeIsAppliedOncePerMessageIdAndPublished() {
        String ticketId = newTicket();
        String urge = "{\"messageId\":\"URGE-1\",\"note\":\"市民再次来电催办\"}";
        Http.Reply first = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/urges", urge);
        Http.Reply again = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/urges", urge);
        Http.Reply other = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/urges",
                "{\"messageId\":\"URGE-1\",\"note\":\"别的内容\"}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(first.json().get("applied").asBoolean()).isTrue();
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("applied").asBoolean()).isFalse();
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.isProblem()).isTrue();

        var urged = events(ticketId, "ticket.intake.TicketUrged.v1", 1);
        EventSchemas.assertValid("ticket.intake.TicketUrged.v1", urged.getFirst().value());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> topic.poll(
                TopicReader.subject(ticketId).and(TopicReader.type("ticket.intake.TicketUrged.v1"))), l -> l.size() == 1);
        JsonAssert.followUps(Http.to(port).as("dispatcher").get("/api/intake/v1/tickets/" + ticketId), 1);
    }

    @Test
    void aSupplementAndASatisfactionCallBackArePublished() {
        String ticketId = newTicket();
        Http.Reply s = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/supplements",
                "{\"messageId\":\"SUP-1\",\"content\":\"补充：积水已漫进屋内\",\"attachments\":[{\"url\":\"https://f.example/2.jpg\",\"mediaType\":\"image/jpeg\"}]}");
        Http.Reply c = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/satisfaction",
                "{\"messageId\":\"CB-1\",\"rating\":\"BASICALLY_SATISFIED\",\"comment\":\"处理及时\"}");
        assertThat(s.status()).as(s.toString()).isEqualTo(201);
        assertThat(c.status()).as(c.toString()).isEqualTo(201);

        var supplemented = events(ticketId, "ticket.intake.TicketSupplemented.v1", 1).getFirst();
        EventSchemas.assertValid("ticket.intake.TicketSupplemented.v1", supplemented.value());
        TicketSupplemented sup = EventJson.read(supplemented.value(), TicketSupplemented.class);
        assertThat(sup.content()).contains("积水");
        assertThat(sup.attachments()).hasSize(1);
        var rated = events(ticketId, "ticket.intake.SatisfactionReported.v1", 1).getFirst();
        EventSchemas.assertValid("ticket.intake.SatisfactionReported.v1", rated.value());
        assertThat(EventJson.read(rated.value(), SatisfactionReported.class).rating().name()).isEqualTo("BASICALLY_SATISFIED");
    }

    @Test
    void aWithdrawnTicketRefusesFurtherFollowUps() {
        String ticketId = newTicket();
        Http.Reply w = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/withdrawal",
                "{\"messageId\":\"WD-1\",\"reason\":\"问题已自行解决\"}");
        assertThat(w.status()).as(w.toString()).isEqualTo(201);
        assertThat(w.json().get("status").asString()).isEqualTo("WITHDRAWN");
        Http.Reply replay = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/withdrawal",
                "{\"messageId\":\"WD-1\",\"reason\":\"问题已自行解决\"}");
        assertThat(replay.status()).isEqualTo(200);

        Http.Reply urge = hotline().postJson("/api/intake/v1/tickets/" + ticketId + "/urges", "{\"messageId\":\"URGE-9\"}");
        assertThat(urge.status()).as(urge.toString()).isEqualTo(409);
        assertThat(urge.isProblem()).isTrue();
        EventSchemas.assertValid("ticket.intake.TicketWithdrawn.v1",
                events(ticketId, "ticket.intake.TicketWithdrawn.v1", 1).getFirst().value());
    }

    @Test
    void followUpsAreValidatedAndNeedAnExistingTicket() {
        Http.Reply noMessageId = hotline().postJson("/api/intake/v1/tickets/" + newTicket() + "/urges", "{\"note\":\"x\"}");
        assertThat(noMessageId.status()).isEqualTo(400);
        assertThat(noMessageId.json().get("errors").get(0).get("field").asString()).isEqualTo("messageId");
        Http.Reply badRating = hotline().postJson("/api/intake/v1/tickets/" + newTicket() + "/satisfaction",
                "{\"messageId\":\"CB-2\",\"rating\":\"SO_SO\"}");
        assertThat(badRating.status()).isEqualTo(400);
        assertThat(badRating.json().get("errors").get(0).get("field").asString()).isEqualTo("rating");
        Http.Reply missing = hotline().postJson("/api/intake/v1/tickets/TK-nope/urges", "{\"messageId\":\"U-1\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
    }

    /** Small assertions on ticket views. */
    static final class JsonAssert {
        static void followUps(Http.Reply view, int expected) {
            assertThat(view.status()).as(view.toString()).isEqualTo(200);
            assertThat(view.json().get("followUps").size()).isEqualTo(expected);
        }
    }
}
