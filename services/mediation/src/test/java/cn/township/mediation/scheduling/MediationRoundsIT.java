package cn.township.mediation.scheduling;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventJson;
import cn.township.contracts.Topics;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.SessionHeld;
import cn.township.contracts.mediation.SessionReminderDue;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.support.Api;
import cn.township.infra.testing.MutableClock;
import cn.township.mediation.support.TopicProbe;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static cn.township.contracts.EventSchemas.assertValid;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A building dispute in 北土门村 mediated over three round-table rounds, with the service's clock moved by
 * the test to pass each session: reminders 24 h and 1 h before, each once; two adjourned/partial rounds; an
 * agreement acknowledged by both parties; AgreementReached on the topic as another service reads it.
 */
@ServiceIntegrationTest
@TestPropertySource(properties = "township.mediation.reminder-poll=PT0.2S")
class MediationRoundsIT {

    static final MutableClock CLOCK = new MutableClock(Instant.now().truncatedTo(ChronoUnit.MINUTES));
    static TopicProbe topic;

    @TestConfiguration
    static class Time {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    /** After the application context started (and declared its topics). */
    @BeforeEach
    void probe() {
        if (topic == null) {
            topic = new TopicProbe(Topics.MEDIATION_SESSIONS);
        }
    }

    @AfterAll
    static void disconnect() {
        if (topic != null) {
            topic.close();
        }
    }

    @Test
    void threeRoundsEndInAnAgreementThatArrivesOnTheTopic() {
        Api api = Api.at(port).mediator();
        String caseId = "c-" + UUID.randomUUID();
        var opened = api.post("/api/mediation/files", """
                {"caseId":"%s","village":"beitumen","disputeType":"CONSTRUCTION","confidential":false,
                 "plan":"rain-season drainage and access between two new houses",
                 "parties":[{"role":"COMPLAINANT","name":"张三","phone":"13812345678","household":"beitumen-0001"},
                            {"role":"RESPONDENT","name":"李四","household":"beitumen-0002"}]}
                """.formatted(caseId));
        assertThat(opened.status()).as(opened.toString()).isEqualTo(201);
        String file = opened.text("id");
        assertThat(opened.json().path("parties").get(0).path("phoneMasked").asString()).isEqualTo("138****5678");
        // the same request again finds the same file
        assertThat(api.post("/api/mediation/files", """
                {"caseId":"%s","village":"beitumen","disputeType":"CONSTRUCTION",
                 "parties":[{"role":"COMPLAINANT","name":"张三"}]}""".formatted(caseId)).status()).isEqualTo(200);

        // the three-step method before the round table
        step(api, file, "REMINDER", "cadre-beitumen", "reminded both households of the building rules");
        step(api, file, "HOME_VISIT", "official-zhao", "visited both; respondent willing to move the drain");
        step(api, file, "HAND_DOWN_PLAN", "official-zhao", "plan: shared drain, respondent pays the pipe");

        List<String> team = List.of("adviser-li", "elder-beitumen-1", "cadre-beitumen");
        // a construction dispute also needs the village cadre (configuration)
        var short1 = api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["adviser-li","elder-beitumen-1"]}""".formatted(file));
        assertThat(short1.status()).isEqualTo(422);
        assertThat(short1.text("detail")).contains("VILLAGE_CADRE");

        String s1 = bookEarliest(api, file, team);
        awaitReminders(s1);
        outcome(api, s1, """
                {"outcome":"ADJOURNED","attendees":["adviser-li","elder-beitumen-1","cadre-beitumen"],
                 "partiesPresent":["张三","李四"],"minutes":"history of the plot heard; tempers high; adjourned"}""", 200);

        String s2 = bookEarliest(api, file, team);
        assertThat(api.get("/api/mediation/sessions/" + s2).json().path("round").asInt()).isEqualTo(2);
        passStartOf(api, s2);
        outcome(api, s2, """
                {"outcome":"PARTIAL","attendees":["adviser-li","elder-beitumen-1"],"partiesPresent":["张三","李四"],
                 "minutes":"drain route agreed in principle; access path still open"}""", 200);

        String s3 = bookEarliest(api, file, team);
        passStartOf(api, s3);
        // an agreement without the respondent's acknowledgement is refused, naming the field
        var missing = outcome(api, s3, agreement("张三"), 422);
        assertThat(missing.text("field")).isEqualTo("agreement.acknowledgements");
        assertThat(missing.text("detail")).contains("李四");
        var agreed = outcome(api, s3, agreement("张三", "李四"), 200);
        assertThat(agreed.text("status")).isEqualTo("AGREED");
        assertThat(agreed.json().path("rounds").size()).isEqualTo(3);
        assertThat(agreed.json().path("agreement").path("acknowledgements").size()).isEqualTo(2);
        // recording it again changes nothing
        assertThat(outcome(api, s3, agreement("张三", "李四"), 200).json().path("rounds").size()).isEqualTo(3);
        // and the file takes no fourth round
        assertThat(api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["adviser-li","elder-beitumen-1","cadre-beitumen"]}""".formatted(file))
                .status()).isEqualTo(409);

        Predicate<ConsumerRecord<String, byte[]>> agreementOfCase = r -> caseId.equals(r.key())
                && "mediation.mediation.AgreementReached.v1".equals(TopicProbe.type(r));
        var record = topic.await(agreementOfCase, 1).getFirst();
        assertThat(TopicProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("/township/mediation");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(caseId);
        assertThat(TopicProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(Instant.parse(TopicProbe.header(record, CloudEventHeaders.TIME))).isNotNull();
        assertThat(TopicProbe.header(record, CloudEventHeaders.TRACEPARENT)).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        assertValid("mediation.mediation.AgreementReached.v1", record.value());
        AgreementReached event = EventJson.read(record.value(), AgreementReached.class);
        assertThat(event.fileId()).isEqualTo(file);
        assertThat(event.rounds()).isEqualTo(3);
        assertThat(event.village()).isEqualTo("beitumen");
        assertThat(event.terms()).containsExactly("李四 moves the drain 1 m east before June",
                "both keep the 3 m access path clear", "张三 withdraws the 12345 complaint");
        assertThat(event.parties()).extracting(p -> p.household()).containsExactly("beitumen-0001", "beitumen-0002");

        var held = topic.await(r -> caseId.equals(r.key()) && "mediation.mediation.SessionHeld.v1".equals(TopicProbe.type(r)), 3);
        assertThat(held).extracting(r -> EventJson.read(r.value(), SessionHeld.class).round()).containsExactly(1, 2, 3);
        held.forEach(r -> assertValid(TopicProbe.type(r), r.value()));
        assertThat(topic.matching(agreementOfCase)).hasSize(1);
        // the first session's reminders fired once each, however many polls passed since
        assertThat(reminders(s1)).extracting(SessionReminderDue::before)
                .containsExactlyInAnyOrder(Duration.ofHours(24), Duration.ofHours(1));
    }

    private static String agreement(String... acknowledging) {
        StringBuilder acks = new StringBuilder();
        for (String p : acknowledging) {
            acks.append(acks.isEmpty() ? "" : ",").append("{\"party\":\"").append(p).append("\",\"method\":\"signature\"}");
        }
        return """
                {"outcome":"AGREEMENT","attendees":["adviser-li","elder-beitumen-1","cadre-beitumen"],
                 "partiesPresent":["张三","李四"],"minutes":"agreement read out and signed",
                 "agreement":{"terms":["李四 moves the drain 1 m east before June","both keep the 3 m access path clear",
                                       "张三 withdraws the 12345 complaint"],"acknowledgements":[%s]}}
                """.formatted(acks);
    }

    private static void step(Api api, String file, String kind, String who, String said) {
        var r = api.post("/api/mediation/files/" + file + "/steps", """
                {"kind":"%s","who":["%s"],"said":"%s"}""".formatted(kind, who, said));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
    }

    /** Finds the earliest slot for the team from the service's now and books it. */
    private static String bookEarliest(Api api, String file, List<String> team) {
        String members = String.join("\",\"", team);
        var slots = api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["%s"],"durationMinutes":90,"from":"%s","options":3}
                """.formatted(file, members, CLOCK.instant().plus(Duration.ofDays(2))));
        assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
        assertThat(slots.json().size()).isEqualTo(3);
        var first = slots.json().get(0);
        var booked = api.post("/api/mediation/sessions", """
                {"fileId":"%s","startsAt":"%s","endsAt":"%s","room":"%s","memberIds":["%s"],"agencies":["派出所"]}
                """.formatted(file, first.path("start").asString(), first.path("end").asString(),
                first.path("room").asString(), members));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.text("id");
    }

    private static Api.Response outcome(Api api, String session, String body, int status) {
        var r = api.post("/api/mediation/sessions/" + session + "/outcome", body);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        return r;
    }

    private void passStartOf(Api api, String session) {
        var early = api.post("/api/mediation/sessions/" + session + "/outcome", """
                {"outcome":"ADJOURNED","attendees":[],"minutes":"too early"}""");
        assertThat(early.status()).isEqualTo(409);
        CLOCK.set(Instant.parse(api.get("/api/mediation/sessions/" + session).text("startsAt")).plus(Duration.ofHours(2)));
    }

    /** Moves the clock past each reminder's due time and waits for it on the topic. */
    private void awaitReminders(String session) {
        Api api = Api.at(port).mediator();
        Instant start = Instant.parse(api.get("/api/mediation/sessions/" + session).text("startsAt"));
        CLOCK.set(start.minus(Duration.ofHours(23)));
        topic.await(r -> isReminder(r, session), 1);
        CLOCK.set(start.minus(Duration.ofMinutes(30)));
        topic.await(r -> isReminder(r, session), 2);
        CLOCK.set(start.plus(Duration.ofHours(2)));
    }

    private static boolean isReminder(ConsumerRecord<String, byte[]> r, String session) {
        return "mediation.mediation.SessionReminderDue.v1".equals(TopicProbe.type(r))
                && EventJson.read(r.value(), SessionReminderDue.class).sessionId().equals(session);
    }

    private static List<SessionReminderDue> reminders(String session) {
        return topic.matching(r -> isReminder(r, session)).stream()
                .peek(r -> assertValid(TopicProbe.type(r), r.value()))
                .map(r -> EventJson.read(r.value(), SessionReminderDue.class)).toList();
    }
}
