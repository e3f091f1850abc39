package cn.township.dispatch.it;

import cn.township.infra.testing.MutableClock;
import cn.township.contracts.dispatch.AgencyReportedIn;
import cn.township.contracts.dispatch.CaseAccepted;
import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseOutcome;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.contracts.dispatch.ComplainantContacted;
import cn.township.contracts.dispatch.ReportInOverdue;
import cn.township.contracts.dispatch.SupervisionDigestIssued;
import cn.township.contracts.dispatch.WhistleBlown;
import cn.township.contracts.intake.Satisfaction;
import cn.township.contracts.intake.SatisfactionReported;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketUrged;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseFacts;
import cn.township.dispatch.caserecord.DeadlineTerms;
import cn.township.dispatch.caserecord.Routing;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.messaging.outbox.OutboxRelay;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A case's whole life against the real broker and MongoDB-wire server, with a clock the test moves. */
@ServiceIntegrationTest
// every dispatch context reads every ticket on the shared broker: close this one when the class is done, so
// it cannot open (and time out) the next class's cases and publish events about them
@DirtiesContext
@Import(CaseLifecycleIT.ClockConfig.class)
@TestPropertySource(properties = {"township.dispatch.consumer-group=dispatch-it-${random.uuid}",
        "township.dispatch.timers.poll-interval=100ms"})
class CaseLifecycleIT {

    static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-05-04T01:00:00Z"));
    static final Map<String, String> SECRETARY = Api.as(Users.SECRETARY);
    static final Map<String, String> CONSTRUCTION = Api.as(Users.CONSTRUCTION);
    static final Map<String, String> AGRICULTURE = Api.as(Users.AGRICULTURE);
    static final Map<String, String> POLICE = Api.as(Users.POLICE);
    static final Wire WIRE = new Wire();

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Users.realm(registry);
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfig {
        @Bean
        Clock clock() {
            return CLOCK;
        }
    }

    @Value("${local.server.port}")
    int port;
    Api api;

    @BeforeEach
    void setUp() {
        api = new Api(port);
    }

    @AfterAll
    static void closeWire() {
        WIRE.close();
    }

    String openCase(TicketReceived ticket) {
        WIRE.publish(ticket);
        String caseId = "C-" + ticket.ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY).status() == 200);
        return caseId;
    }

    Api.Reply ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    @Test
    void aCaseGoesFromTicketThroughSignOffWhistleAndResolutionToClosed() {
        String ticketId = Tickets.newId();
        TicketReceived ticket = Tickets.water(ticketId, CLOCK.instant());
        String ceId = WIRE.publish(ticket);
        String caseId = "C-" + ticketId;
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY).status() == 200);
        // the same ticket again, with the same and with a new ce_id, then an urge behind them on the same key
        WIRE.publish(ticket, ceId);
        WIRE.publish(ticket);
        WIRE.publish(new TicketUrged(ticketId, "urge-1", "third call", CLOCK.instant()));
        WIRE.publish(new TicketUrged(ticketId, "urge-1", "third call", CLOCK.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY)
                .json().path("urges").asInt() == 1);
        Api.Reply opened = ok(api.get("/api/dispatch/cases/" + caseId, SECRETARY));
        assertThat(opened.text("state")).isEqualTo("AWAITING_SIGN_OFF");
        assertThat(opened.json().path("proposal").path("leadDepartment").asString()).isEqualTo("construction");
        assertThat(opened.json().path("deadlines").path("rule").asString()).isEqualTo("utilities");
        assertThat(opened.json().path("priority").asInt()).isEqualTo(1);

        // before sign-off the department does not see it; the secretary's queue does
        assertThat(api.get("/api/dispatch/cases/" + caseId, CONSTRUCTION).status()).isEqualTo(404);
        assertThat(ok(api.get("/api/dispatch/sign-off-queue?size=200", SECRETARY)).body()).contains(caseId);
        assertThat(api.get("/api/dispatch/sign-off-queue", CONSTRUCTION).status()).isEqualTo(403);

        // bulk sign-off: one good, one unknown
        Api.Reply bulk = ok(api.post("/api/dispatch/sign-offs", """
                {"items":[{"caseId":"%s","supervisingLeader":"vice.mayor.liu"},{"caseId":"C-nope"}]}""".formatted(caseId),
                SECRETARY));
        assertThat(bulk.json().path("signedOff").asInt()).isEqualTo(1);
        assertThat(bulk.json().path("items").get(1).path("status").asString()).isEqualTo("REJECTED");

        // a department outside the case sees nothing; the lead accepts, with the version it read
        assertThat(api.post("/api/dispatch/cases/" + caseId + "/accept", "", AGRICULTURE).status()).isEqualTo(404);
        Api.Reply seen = ok(api.get("/api/dispatch/cases/" + caseId, CONSTRUCTION));
        Map<String, String> withVersion = new java.util.HashMap<>(CONSTRUCTION);
        withVersion.put("If-Match", seen.etag());
        ok(api.post("/api/dispatch/cases/" + caseId + "/accept", "{}", withVersion));
        Api.Reply stale = api.post("/api/dispatch/cases/" + caseId + "/accept", "{}", withVersion);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.contentType()).startsWith("application/problem+json");
        assertThat(stale.text("type")).endsWith("version-conflict");
        Api.Reply again = api.post("/api/dispatch/cases/" + caseId + "/accept", "{}", CONSTRUCTION);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("state")).isEqualTo("ACCEPTED");
        assertThat(again.json().path("allowedActions").toString()).contains("CONTACT", "WHISTLE");

        ok(api.post("/api/dispatch/cases/" + caseId + "/contact", "{\"note\":\"phoned Zhang San\"}", CONSTRUCTION));
        Instant due = CLOCK.instant().plus(Duration.ofHours(1));
        ok(api.post("/api/dispatch/cases/" + caseId + "/whistle", """
                {"agencies":["police","market-supervision"],"reason":"illegal digging cut the main",
                 "reportInDueAt":"%s"}""".formatted(due), CONSTRUCTION));
        // the police see the case once summoned, and report in; market supervision does not
        Api.Reply reported = ok(api.post("/api/dispatch/cases/" + caseId + "/report-in", "", POLICE));
        assertThat(reported.json().path("coHandlers").toString()).contains("police");
        ok(api.post("/api/dispatch/cases/" + caseId + "/notes", "{\"note\":\"patrol sent\"}", POLICE));
        assertThat(api.post("/api/dispatch/cases/" + caseId + "/resolve", "{\"resolution\":\"x\"}", POLICE).status())
                .isEqualTo(403);
        CLOCK.advance(Duration.ofMinutes(61));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, ReportInOverdue.class) == 1);
        assertThat(WIRE.events(caseId, ReportInOverdue.class)).singleElement()
                .satisfies(e -> assertThat(e.agency()).isEqualTo("market-supervision"));
        assertThat(ok(api.get("/api/dispatch/cases?agency=market-supervision&size=200", SECRETARY)).body()).contains(caseId);

        ok(api.post("/api/dispatch/cases/" + caseId + "/resolve", "{\"resolution\":\"main repaired, water back\"}", CONSTRUCTION));
        WIRE.publish(new SatisfactionReported(ticketId, "sat-1", Satisfaction.SATISFIED, null, CLOCK.instant()));
        await().atMost(Duration.ofSeconds(30)).until(() -> "CLOSED".equals(api.get("/api/dispatch/cases/" + caseId, SECRETARY).text("state")));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseClosed.class) == 1);

        assertThat(WIRE.count(caseId, CaseOpened.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, CaseSignedOff.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, CaseAccepted.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, ComplainantContacted.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, WhistleBlown.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, AgencyReportedIn.class)).isEqualTo(1);
        assertThat(WIRE.count(caseId, CaseResolved.class)).isEqualTo(1);
        assertThat(WIRE.events(caseId, CaseClosed.class).getFirst().outcome()).isEqualTo(CaseOutcome.RESOLVED);
        assertThat(WIRE.events(caseId, CaseSignedOff.class).getFirst().supervisingLeader()).isEqualTo("vice.mayor.liu");

        Api.Reply timeline = ok(api.get("/api/dispatch/cases/" + caseId + "/timeline", SECRETARY));
        List<String> actions = timeline.json().valueStream().map(n -> n.path("action").asString()).toList();
        assertThat(actions).containsSubsequence("OPENED", "URGED", "SIGNED_OFF", "ACCEPTED", "CONTACTED",
                "WHISTLE_BLOWN", "REPORTED_IN", "NOTE", "REPORT_IN_OVERDUE", "RESOLVED", "CLOSED");
        assertThat(actions).containsOnlyOnce("OPENED", "URGED");
        assertThat(timeline.json().get(3).path("by").asString()).isEqualTo("dept-construction");
    }

    @Test
    void twoOfficersActingAtOnceOneWinsTheOtherGets409() throws Exception {
        String caseId = openCase(Tickets.water(Tickets.newId(), CLOCK.instant()));
        ok(api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{}", SECRETARY));
        var start = new CountDownLatch(1);
        Callable<Integer> accept = () -> {
            start.await();
            return api.post("/api/dispatch/cases/" + caseId + "/accept", "{}", CONSTRUCTION).status();
        };
        try (var pool = Executors.newFixedThreadPool(2)) {
            var a = pool.submit(accept);
            var b = pool.submit(accept);
            start.countDown();
            assertThat(List.of(a.get(), b.get())).containsExactlyInAnyOrder(200, 409);
        }
        assertThat(WIRE.events(caseId, CaseAccepted.class)).hasSizeLessThanOrEqualTo(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseAccepted.class) == 1);
    }

    @Test
    void aReturnedCaseGoesBackToSignOffAndIsCounted() {
        String caseId = openCase(Tickets.water(Tickets.newId(), CLOCK.instant()));
        ok(api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{\"leadDepartment\":\"agriculture\"}", SECRETARY));
        Api.Reply returned = ok(api.post("/api/dispatch/cases/" + caseId + "/return",
                "{\"reason\":\"water mains are not ours\"}", AGRICULTURE));
        assertThat(returned.text("state")).isEqualTo("AWAITING_SIGN_OFF");
        assertThat(returned.json().path("returns").asInt()).isEqualTo(1);
        assertThat(api.get("/api/dispatch/cases/" + caseId, AGRICULTURE).status()).isEqualTo(404);
        Api.Reply list = ok(api.get("/api/dispatch/cases?state=AWAITING_SIGN_OFF&size=200", SECRETARY));
        assertThat(list.body()).contains(caseId);
    }

    @Test
    void badInputIsAProblemNamingTheFieldOrState() {
        String caseId = openCase(Tickets.water(Tickets.newId(), CLOCK.instant()));
        String path = "/api/dispatch/cases/" + caseId;

        Api.Reply anonymous = api.get(path, Map.of());
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        Api.Reply illegal = api.post(path + "/accept", "{}", CONSTRUCTION);
        assertThat(illegal.status()).as("the department does not see it before sign-off").isEqualTo(404);
        Api.Reply notYet = api.post(path + "/hand-down", "{\"reason\":\"x\",\"plan\":[\"a\",\"b\",\"c\"]}", SECRETARY);
        assertThat(notYet.status()).isEqualTo(409);
        assertThat(notYet.text("state")).isEqualTo("AWAITING_SIGN_OFF");
        assertThat(notYet.json().path("allowedActions").toString()).contains("SIGN_OFF");
        assertThat(notYet.contentType()).startsWith("application/problem+json");

        Api.Reply malformed = api.post(path + "/sign-off", "{\"leadDepartment\":", SECRETARY);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        Api.Reply mediaType = api.send("POST", path + "/return", "reason=x", "text/plain", CONSTRUCTION);
        assertThat(mediaType.status()).isEqualTo(415);

        Api.Reply badState = api.get("/api/dispatch/cases?state=NOPE", SECRETARY);
        assertThat(badState.status()).isEqualTo(400);
        assertThat(badState.text("field")).isEqualTo("state");

        Api.Reply badSize = api.get("/api/dispatch/cases?size=0", SECRETARY);
        assertThat(badSize.status()).isEqualTo(400);
        assertThat(badSize.text("field")).isEqualTo("size");

        Api.Reply badIfMatch = api.post(path + "/sign-off", "{}", withHeader(SECRETARY, "If-Match", "yesterday"));
        assertThat(badIfMatch.status()).isEqualTo(400);
        assertThat(badIfMatch.text("field")).isEqualTo("If-Match");

        ok(api.post(path + "/sign-off", "{}", SECRETARY));
        ok(api.post(path + "/accept", "{}", CONSTRUCTION));
        ok(api.post(path + "/contact", "", CONSTRUCTION));
        Api.Reply twoSteps = api.post(path + "/hand-down", "{\"reason\":\"untrue\",\"plan\":[\"remind\",\"visit\"]}", CONSTRUCTION);
        assertThat(twoSteps.status()).isEqualTo(422);
        assertThat(twoSteps.text("field")).isEqualTo("plan");
        Api.Reply noReason = api.post(path + "/escalate-up", "{}", SECRETARY);
        assertThat(noReason.status()).isEqualTo(422);
        assertThat(noReason.text("field")).isEqualTo("reason");
        Api.Reply pastDeadline = api.post(path + "/whistle", """
                {"agencies":["police"],"reason":"r","reportInDueAt":"2020-01-01T00:00:00Z"}""", CONSTRUCTION);
        assertThat(pastDeadline.status()).isEqualTo(422);
        assertThat(pastDeadline.text("field")).isEqualTo("reportInDueAt");
        Api.Reply notSummoned = api.post(path + "/report-in", "", POLICE);
        assertThat(notSummoned.status()).isEqualTo(404);
        Api.Reply notSecretary = api.post("/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"x\"}]}", CONSTRUCTION);
        assertThat(notSecretary.status()).isEqualTo(403);
        Api.Reply emptyBulk = api.post("/api/dispatch/sign-offs", "{\"items\":[]}", SECRETARY);
        assertThat(emptyBulk.status()).isEqualTo(422);
        assertThat(emptyBulk.text("field")).isEqualTo("items");
        // nothing half-written: the case is still in progress, with one contact
        Api.Reply after = ok(api.get(path, SECRETARY));
        assertThat(after.text("state")).isEqualTo("IN_PROGRESS");
        assertThat(after.json().path("summons").size()).isZero();
    }

    @Test
    void listsFilterByStateDepartmentUrgencyAndSourceWithPaging() {
        String a = openCase(Tickets.ticket(Tickets.newId(), "irrigation", "agriculture", "beitumen",
                cn.township.contracts.intake.Urgency.URGENT, CLOCK.instant(), List.of()));
        String b = openCase(Tickets.ticket(Tickets.newId(), "irrigation", "agriculture", "beitumen",
                cn.township.contracts.intake.Urgency.NORMAL, CLOCK.instant(), List.of()));
        ok(api.post("/api/dispatch/cases/" + a + "/sign-off", "{}", SECRETARY));
        ok(api.post("/api/dispatch/cases/" + b + "/sign-off", "{}", SECRETARY));
        Api.Reply mine = ok(api.get("/api/dispatch/cases?department=construction&size=1", AGRICULTURE));
        assertThat(mine.json().path("total").asLong()).as("a department is held to its own cases").isEqualTo(2);
        assertThat(mine.json().path("items").size()).isEqualTo(1);
        assertThat(mine.json().path("items").get(0).path("id").asString()).as("urgent first").isEqualTo(a);
        Api.Reply page2 = ok(api.get("/api/dispatch/cases?size=1&page=1", AGRICULTURE));
        assertThat(page2.json().path("items").get(0).path("id").asString()).isEqualTo(b);
        Api.Reply urgent = ok(api.get("/api/dispatch/cases?department=agriculture&urgency=URGENT&source=HOTLINE_12345", SECRETARY));
        assertThat(urgent.json().path("total").asLong()).isEqualTo(1);
        Api.Reply grid = ok(api.get("/api/dispatch/cases?department=agriculture&source=GRID", SECRETARY));
        assertThat(grid.json().path("total").asLong()).isZero();
        // (this context also opens the other classes' tickets from the shared broker, unsigned: only a and b
        // were dispatched here)
        Api.Reply village = ok(api.get("/api/dispatch/cases?state=DISPATCHED", Api.as(Users.CADRE_BEITUMEN)));
        assertThat(village.json().path("total").asLong()).isEqualTo(2);
        assertThat(village.body()).contains(a, b);
        Api.Reply notOverdue = ok(api.get("/api/dispatch/cases?department=agriculture&overdue=false", SECRETARY));
        assertThat(notOverdue.json().path("total").asLong()).isEqualTo(2);
        assertThat(api.get("/api/dispatch/cases", Api.as(Users.VILLAGER_NANCHA)).status()).isEqualTo(403);
    }

    @Test
    void aRecordThatIsNoEventGoesToTheDeadLetterTopicAndTheTicketsAroundItOpenCases() {
        String first = Tickets.newId();
        String behind = Tickets.newId();
        WIRE.publish(Tickets.water(first, CLOCK.instant()));
        WIRE.publishGarbage(Topics.INTAKE_TICKETS, behind); // same key, so the same partition as the next ticket
        WIRE.publish(Tickets.water(behind, CLOCK.instant()));

        openCaseWithin(first);
        openCaseWithin(behind);
        await().atMost(Duration.ofSeconds(60)).until(() -> WIRE.deadLetterKeys(Topics.INTAKE_TICKETS).contains(behind));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count("C-" + behind, CaseOpened.class) == 1);
    }

    private void openCaseWithin(String ticketId) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> api.get("/api/dispatch/cases/C-" + ticketId, SECRETARY).status() == 200);
    }

    @Test
    void aTicketLinkedToAnOpenCaseJoinsIt() {
        String first = Tickets.newId();
        String caseId = openCase(Tickets.water(first, CLOCK.instant()));
        String second = Tickets.newId();
        WIRE.publish(Tickets.ticket(second, "water supply", "construction", "nancha",
                cn.township.contracts.intake.Urgency.NORMAL, CLOCK.instant(), List.of(first)));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, SECRETARY)
                .json().path("ticketIds").size() == 2);
        assertThat(api.get("/api/dispatch/cases/C-" + second, SECRETARY).status()).isEqualTo(404);
    }

    @Test
    void aRescanReadsOnlyTheTimersDueBeforeTheNextOneAndAJumpingClockRescansAtOnce(
            @Autowired MongoDatabase database, @Autowired MongoClient client, @Autowired OutboxRelay relay) {
        Instant now = CLOCK.instant();
        // another instance's cases, in a database of their own: one timer 5 minutes away, one 3 days away
        MongoDatabase elsewhere = client.getDatabase("dispatch-rescan-" + Tickets.newId());
        Case soon = caseWithWarningIn(now, Duration.ofMinutes(5));
        Case far = caseWithWarningIn(now, Duration.ofDays(3));
        new CaseRepository(elsewhere, relay, CLOCK).insertAll(List.of(soon, far));
        // an instance starting now reads the first (due before its next rescans) and not the second
        CaseRepository starting = new CaseRepository(elsewhere, relay, CLOCK);
        assertThat(starting.rescanTimers(now.plus(Duration.ofMinutes(20)))).isEqualTo(new CaseRepository.Rescan(1, 1));
        assertThat(starting.due(now.plus(Duration.ofDays(4)), 100).cases()).extracting(c -> c.value().id())
                .containsExactly(soon.id());
        assertThat(starting.rescanTimers(now.plus(Duration.ofDays(4))).pending()).isEqualTo(2);

        // in this service's own database: a case written by another instance, its warning 30 minutes away;
        // the clock jumps past it and the running scheduler rescans at once and fires it
        Case other = caseWithWarningIn(now, Duration.ofMinutes(30));
        new CaseRepository(database, relay, CLOCK).insertAll(List.of(other));
        CLOCK.advance(Duration.ofMinutes(31));
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(other.id(), SlaWarning.class) == 1);
    }

    private static Case caseWithWarningIn(Instant now, Duration warning) {
        // a warning at half the first-contact time
        DeadlineTerms terms = new DeadlineTerms("rescan", warning.multipliedBy(2), Duration.ofDays(30), List.of(0.5));
        CaseFacts facts = new CaseFacts("HOTLINE_12345", "COMPLAINT", "water supply", "NORMAL", false, "rescan", null,
                "nancha", null, null);
        return Case.open(Tickets.newId(), facts, new Routing("construction", "nancha", "leader"), now, terms, now)
                .after();
    }

    @Test
    void theSupervisionDigestIsIssuedOnceADayAndReadPerUnit() {
        // the test clock reads 09:00 in Asia/Shanghai, past the 08:00 issue time
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count("digest-2026-05-04", SupervisionDigestIssued.class) == 1);
        SupervisionDigestIssued issued = WIRE.events("digest-2026-05-04", SupervisionDigestIssued.class).getFirst();
        assertThat(issued.lines().getFirst().scope()).isEqualTo("SECRETARY");

        String caseId = openCase(Tickets.water(Tickets.newId(), CLOCK.instant()));
        ok(api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{}", SECRETARY));
        Api.Reply mine = ok(api.get("/api/dispatch/supervision/digest?scope=SECRETARY", CONSTRUCTION));
        assertThat(mine.text("scope")).as("a department always gets its own digest").isEqualTo("DEPARTMENT");
        assertThat(mine.text("unit")).isEqualTo("construction");
        assertThat(mine.body()).contains(caseId);
        Api.Reply township = ok(api.get("/api/dispatch/supervision/digest", SECRETARY));
        assertThat(township.json().path("open").asInt()).isGreaterThanOrEqualTo(1);
        Api.Reply other = ok(api.get("/api/dispatch/supervision/digest?scope=DEPARTMENT&unit=agriculture", SECRETARY));
        assertThat(other.body()).doesNotContain(caseId);
        Api.Reply noUnit = api.get("/api/dispatch/supervision/digest?scope=VILLAGE", SECRETARY);
        assertThat(noUnit.status()).isEqualTo(400);
        assertThat(noUnit.text("field")).isEqualTo("unit");
        assertThat(WIRE.count("digest-2026-05-04", SupervisionDigestIssued.class)).isEqualTo(1);
    }

    static Map<String, String> withHeader(Map<String, String> headers, String name, String value) {
        Map<String, String> h = new java.util.HashMap<>(headers);
        h.put(name, value);
        return h;
    }
}
