package cn.township.mediation.scheduling;

import cn.township.contracts.Topics;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.support.Api;
import cn.township.mediation.support.Files;
import cn.township.mediation.support.TopicProbe;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static cn.township.contracts.EventSchemas.assertValid;
import static cn.township.mediation.support.Times.at;
import static cn.township.mediation.support.Times.weekday;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Find-slot and booking against the real service: sample roster (adviser-zhang works Tue–Thu 09:00–12:00 and
 * 14:00–17:30; elders every day 08:00–11:30 and 14:00–18:00; elder-nancha-3 Mon/Wed/Fri/Sat mornings). Each
 * test works in its own weeks so they do not see each other's bookings.
 */
@ServiceIntegrationTest
class BookingIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    private Api mediator() {
        return Api.at(port).mediator();
    }

    @Test
    void findSlotHonoursWorkingHoursLeaveAndExistingBookings() {
        Api api = mediator();
        String file = Files.open(api, "nancha", "NEIGHBOUR");
        LocalDate monday = weekday(Instant.now(), 3, DayOfWeek.MONDAY);
        LocalDate wed1 = monday.plusDays(2);
        LocalDate wed2 = wed1.plusWeeks(1);

        // elder-nancha-3 is on leave the whole first Wednesday
        var leave = api.post("/api/mediation/members/elder-nancha-3/exceptions", """
                {"from":"%s","to":"%s","reason":"visiting family in Pinggu"}
                """.formatted(at(wed1, "00:00"), at(wed1.plusDays(1), "00:00")));
        assertThat(leave.status()).as(leave.toString()).isEqualTo(201);
        // adviser-zhang sits in another session the second Wednesday 09:00–10:30
        String other = Files.open(api, "nancha", "NEIGHBOUR");
        var booked = api.post("/api/mediation/sessions", Files.booking(other, at(wed2, "09:00"), at(wed2, "10:30"),
                "nancha-committee", List.of("adviser-zhang", "elder-nancha-1")));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

        var slots = api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["adviser-zhang","elder-nancha-3"],"durationMinutes":60,
                 "from":"%s","horizonDays":30,"options":3}
                """.formatted(file, at(monday, "00:00")));
        assertThat(slots.status()).as(slots.toString()).isEqualTo(200);
        var options = slots.json();
        // first Wednesday: leave; second: zhang busy until 10:30, elder free until 11:30; third: from 09:00
        assertThat(Instant.parse(options.get(0).path("start").asString())).isEqualTo(at(wed2, "10:30"));
        assertThat(Instant.parse(options.get(0).path("end").asString())).isEqualTo(at(wed2, "11:30"));
        assertThat(options.get(0).path("room").asString()).isEqualTo("nancha-committee");
        assertThat(Instant.parse(options.get(1).path("start").asString())).isEqualTo(at(wed2.plusWeeks(1), "09:00"));
        assertThat(Instant.parse(options.get(2).path("start").asString())).isEqualTo(at(wed2.plusWeeks(1), "10:00"));

        // the first option can be booked as offered
        var take = api.post("/api/mediation/sessions", Files.booking(file, at(wed2, "10:30"), at(wed2, "11:30"),
                "nancha-committee", List.of("adviser-zhang", "elder-nancha-3")));
        assertThat(take.status()).as(take.toString()).isEqualTo(201);
        // and booking the elder into her leave is refused naming her
        var onLeave = api.post("/api/mediation/sessions", Files.booking(file, at(wed1, "09:00"), at(wed1, "10:00"),
                "nancha-committee", List.of("adviser-zhang", "elder-nancha-3")));
        assertThat(onLeave.status()).isEqualTo(409);
        assertThat(onLeave.text("detail")).contains("elder-nancha-3").contains("visiting family");
    }

    @Test
    void twoConcurrentBookingsOfTheSameElderGiveOneSuccessAndOneConflictNamingHer() throws Exception {
        Api api = mediator();
        LocalDate wednesday = weekday(Instant.now(), 7, DayOfWeek.WEDNESDAY);
        String[][] hours = {{"09:00", "10:00"}, {"10:00", "11:00"}, {"14:00", "15:00"}, {"15:00", "16:00"},
                {"16:00", "17:00"}};
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (String[] h : hours) {
                Instant start = at(wednesday, h[0]);
                Instant end = at(wednesday, h[1]);
                String a = Files.booking(Files.open(api, "nancha", "NEIGHBOUR"), start, end, "nancha-committee",
                        List.of("adviser-zhang", "elder-nancha-1"));
                String b = Files.booking(Files.open(api, "nancha", "NEIGHBOUR"), start, end, "nancha-mediation",
                        List.of("adviser-li", "elder-nancha-1"));
                CountDownLatch go = new CountDownLatch(1);
                var first = CompletableFuture.supplyAsync(() -> await(go, () -> api.post("/api/mediation/sessions", a)), pool);
                var second = CompletableFuture.supplyAsync(() -> await(go, () -> api.post("/api/mediation/sessions", b)), pool);
                go.countDown();
                List<Api.Response> both = List.of(first.get(), second.get());

                assertThat(both).extracting(Api.Response::status).as(both.toString()).containsExactlyInAnyOrder(201, 409);
                Api.Response lost = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
                assertThat(lost.contentType()).startsWith("application/problem+json");
                assertThat(lost.text("detail")).contains("elder-nancha-1").contains("already booked");
                assertThat(lost.json().path("clashes").get(0).asString()).isEqualTo("member:elder-nancha-1");

                // the loser held nothing afterwards: its adviser and room are free at that time
                boolean aWon = both.getFirst().status() == 201;
                var again = api.post("/api/mediation/sessions", Files.booking(Files.open(api, "nancha", "NEIGHBOUR"),
                        start, end, aWon ? "nancha-mediation" : "nancha-committee",
                        List.of(aWon ? "adviser-li" : "adviser-zhang", "elder-nancha-2")));
                assertThat(again.status()).as(again.toString()).isEqualTo(201);
            }
        }
    }

    private static Api.Response await(CountDownLatch go, java.util.function.Supplier<Api.Response> call) {
        try {
            go.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return call.get();
    }

    @Test
    void rescheduleAndCancelReleaseTheOldTimeAndPublishTheirEvents() {
        Api api = mediator();
        String file = Files.open(api, "nancha", "NEIGHBOUR");
        LocalDate tuesday = weekday(Instant.now(), 9, DayOfWeek.TUESDAY);
        LocalDate thursday = tuesday.plusDays(2);
        List<String> team = List.of("adviser-zhang", "elder-nancha-2");
        var booked = api.post("/api/mediation/sessions", Files.booking(file, at(tuesday, "09:00"), at(tuesday, "10:00"),
                "nancha-committee", team));
        assertThat(booked.status()).isEqualTo(201);
        String id = booked.text("id");

        var noReason = api.post("/api/mediation/sessions/" + id + "/reschedule", """
                {"startsAt":"%s","endsAt":"%s"}""".formatted(at(thursday, "14:00"), at(thursday, "15:00")));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.text("field")).isEqualTo("reason");

        var moved = api.post("/api/mediation/sessions/" + id + "/reschedule", """
                {"startsAt":"%s","endsAt":"%s","room":"nancha-mediation","reason":"the respondent works on Tuesday"}
                """.formatted(at(thursday, "14:00"), at(thursday, "15:00")));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(moved.json().path("sequence").asInt()).isEqualTo(1);
        assertThat(moved.text("room")).isEqualTo("nancha-mediation");

        // find-slot sees the old time free again (the busy index dropped it)...
        var freed = api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["adviser-zhang","elder-nancha-2"],"durationMinutes":60,
                 "from":"%s","horizonDays":1,"options":1}""".formatted(file, at(tuesday, "00:00")));
        assertThat(freed.status()).as(freed.toString()).isEqualTo(200);
        assertThat(Instant.parse(freed.json().get(0).path("start").asString())).isEqualTo(at(tuesday, "09:00"));
        // ...and so does booking: the old time is free for the same people and room; the new one is taken
        String file2 = Files.open(api, "nancha", "NEIGHBOUR");
        assertThat(api.post("/api/mediation/sessions", Files.booking(file2, at(tuesday, "09:00"), at(tuesday, "10:00"),
                "nancha-committee", team)).status()).isEqualTo(201);
        var clash = api.post("/api/mediation/sessions", Files.booking(file2, at(thursday, "14:30"), at(thursday, "15:30"),
                "nancha-committee", team));
        assertThat(clash.status()).isEqualTo(409);

        var cancelled = api.post("/api/mediation/sessions/" + id + "/cancel", """
                {"reason":"parties settled it between themselves"}""");
        assertThat(cancelled.status()).isEqualTo(200);
        assertThat(cancelled.text("status")).isEqualTo("CANCELLED");
        assertThat(api.post("/api/mediation/sessions/" + id + "/cancel", "{\"reason\":\"again\"}").status()).isEqualTo(409);
        assertThat(api.post("/api/mediation/sessions", Files.booking(file2, at(thursday, "14:30"), at(thursday, "15:30"),
                "nancha-committee", team)).status()).isEqualTo(201);

        try (var topic = new TopicProbe(Topics.MEDIATION_SESSIONS)) {
            var events = topic.await(r -> TopicProbe.payload(r).contains(id)
                    && List.of("mediation.mediation.SessionRescheduled.v1", "mediation.mediation.SessionCancelled.v1")
                    .contains(TopicProbe.type(r)), 2);
            events.forEach(r -> assertValid(TopicProbe.type(r), r.value()));
        }
    }

    @Test
    void badInputIsAnsweredWithProblemDetailsNamingTheField() {
        Api api = mediator();
        String file = Files.open(api, "nancha", "NEIGHBOUR");
        LocalDate tuesday = weekday(Instant.now(), 11, DayOfWeek.TUESDAY);
        List<String> team = List.of("adviser-zhang", "elder-nancha-1");
        Instant yesterday = Instant.now().minusSeconds(86_400);

        List<Object[]> cases = new ArrayList<>();
        cases.add(new Object[]{Files.booking(file, yesterday, yesterday.plusSeconds(3600), "nancha-committee", team), 422, "startsAt"});
        cases.add(new Object[]{Files.booking(file, at(tuesday, "10:00"), at(tuesday, "09:00"), "nancha-committee", team), 422, "endsAt"});
        cases.add(new Object[]{Files.booking(file, at(tuesday, "09:00"), at(tuesday, "10:00"), "no-such-room", team), 422, "room"});
        cases.add(new Object[]{Files.booking(file, at(tuesday, "09:00"), at(tuesday, "10:00"), "nancha-committee",
                List.of("adviser-zhang", "somebody-else")), 422, "memberIds[1]"});
        cases.add(new Object[]{Files.booking(file, at(tuesday, "09:00"), at(tuesday, "10:00"), "nancha-committee",
                List.of("elder-nancha-1", "elder-nancha-2")), 422, "memberIds"});
        cases.add(new Object[]{Files.booking("mf-nope", at(tuesday, "09:00"), at(tuesday, "10:00"), "nancha-committee", team), 404, null});
        cases.add(new Object[]{Files.booking(" ", at(tuesday, "09:00"), at(tuesday, "10:00"), "nancha-committee", team), 400, "fileId"});
        cases.add(new Object[]{"{\"fileId\":\"x\",\"startsAt\":\"tomorrow\"}", 400, "startsAt"});
        cases.add(new Object[]{"{\"fileId\":", 400, null});
        for (Object[] c : cases) {
            var r = api.post("/api/mediation/sessions", (String) c[0]);
            assertThat(r.status()).as(c[0] + " -> " + r).isEqualTo(c[1]);
            assertThat(r.contentType()).as(r.toString()).startsWith("application/problem+json");
            if (c[2] != null) {
                assertThat(r.text("field")).as(r.toString()).isEqualTo(c[2]);
            }
        }
        // Sunday is nobody's working day for the adviser: a conflict naming him
        LocalDate sunday = tuesday.plusDays(5);
        var sundayBooking = api.post("/api/mediation/sessions", Files.booking(file, at(sunday, "09:00"),
                at(sunday, "10:00"), "nancha-committee", team));
        assertThat(sundayBooking.status()).isEqualTo(409);
        assertThat(sundayBooking.text("detail")).contains("adviser-zhang").contains("does not work");

        var wrongType = api.post("/api/mediation/sessions", "text/plain", "hello");
        assertThat(wrongType.status()).isEqualTo(415);
        var badEnum = api.post("/api/mediation/files", """
                {"village":"nancha","disputeType":"PIGS","parties":[{"role":"COMPLAINANT","name":"张三"}]}""");
        assertThat(badEnum.status()).isEqualTo(400);
        assertThat(badEnum.text("field")).isEqualTo("disputeType");
        var noComplainant = api.post("/api/mediation/files", """
                {"village":"nancha","disputeType":"FAMILY","parties":[{"role":"RESPONDENT","name":"李四"}]}""");
        assertThat(noComplainant.status()).isEqualTo(422);
        assertThat(noComplainant.text("field")).isEqualTo("parties");
        var badSlots = api.post("/api/mediation/slots", """
                {"fileId":"%s","memberIds":["adviser-zhang","elder-nancha-1"],"horizonDays":400}""".formatted(file));
        assertThat(badSlots.status()).isEqualTo(422);
        assertThat(badSlots.text("field")).isEqualTo("horizonDays");

        assertThat(Api.at(port).post("/api/mediation/sessions", "{}").status()).isEqualTo(401);
        var villager = Api.at(port).as("villager-nancha")
                .post("/api/mediation/sessions", Files.booking(file, at(tuesday, "09:00"), at(tuesday, "10:00"),
                        "nancha-committee", team));
        assertThat(villager.status()).isEqualTo(403);
    }

    @Test
    void aSessionsCalendarAndAMembersFeedAreICalendarThatParsesBack() throws Exception {
        Api api = mediator();
        String file = Files.open(api, "nancha", "NEIGHBOUR");
        LocalDate thursday = weekday(Instant.now(), 12, DayOfWeek.THURSDAY);
        var booked = api.post("/api/mediation/sessions", Files.booking(file, at(thursday, "14:00"), at(thursday, "15:30"),
                "nancha-committee", List.of("adviser-zhang", "elder-nancha-1")));
        String id = booked.text("id");

        var ics = api.get("/api/mediation/sessions/" + id + "/ics");
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.contentType()).startsWith("text/calendar");
        var calendar = new CalendarBuilder().build(new StringReader(ics.body()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.getUid().orElseThrow().getValue()).isEqualTo(id + "@mediation.township");
            assertThat(Instant.from(e.getDateTimeStart().getDate())).isEqualTo(at(thursday, "14:00"));
            assertThat(e.getLocation().getValue()).isEqualTo("南岔村村委会议室");
        });

        Api elder = Api.at(port).as("elder-nancha-1");
        var feed = elder.get("/api/mediation/members/elder-nancha-1/calendar.ics");
        assertThat(feed.status()).isEqualTo(200);
        List<VEvent> mine = new CalendarBuilder().build(new StringReader(feed.body())).getComponents("VEVENT");
        assertThat(mine).extracting(e -> e.getUid().orElseThrow().getValue()).contains(id + "@mediation.township");
        assertThat(elder.get("/api/mediation/sessions/" + id).status()).isEqualTo(200);

        Api otherElder = Api.at(port).as("elder-beitumen-1");
        assertThat(otherElder.get("/api/mediation/members/elder-nancha-1/calendar.ics").status()).isEqualTo(404);
        assertThat(otherElder.get("/api/mediation/sessions/" + id).status()).isEqualTo(404);
    }
}
