package cn.township.dispatch.it;

import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.Urgency;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who sees which case, with real tokens of the demo users: no token 401, a role that reads no case 403, a case
 * of another village, department or agency 404 (its existence does not leak), and a confidential ticket's
 * complainant only for the secretary, dispatchers and the departments on the case: in every read and in the
 * events the village reads.
 */
@ServiceIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "township.dispatch.consumer-group=dispatch-it-${random.uuid}")
class AccessIT {

    static final Wire WIRE = new Wire();

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Users.realm(registry);
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

    @Test
    void noTokenOrABadTokenIs401() {
        String caseId = signedOff(Tickets.water(Tickets.newId(), Instant.now()));
        for (var headers : List.of(Map.<String, String>of(), Api.bearer("not-a-token"),
                Api.bearer(KeycloakTokens.tampered(Users.token(Users.CADRE_BEITUMEN), "village", "nancha")))) {
            for (String path : List.of("/api/dispatch/cases/" + caseId, "/api/dispatch/cases",
                    "/api/dispatch/supervision/digest")) {
                Api.Reply r = api.get(path, headers);
                assertThat(r.status()).as("%s with %s", path, headers.keySet()).isEqualTo(401);
                assertThat(r.contentType()).startsWith("application/problem+json");
            }
        }
        Api.Reply post = api.post("/api/dispatch/cases/" + caseId + "/notes", "{\"note\":\"x\"}", Map.of());
        assertThat(post.status()).isEqualTo(401);
    }

    @Test
    void aRoleThatReadsNoCaseGets403EvenInItsOwnVillage() {
        String caseId = signedOff(Tickets.water(Tickets.newId(), Instant.now()));
        String path = "/api/dispatch/cases/" + caseId;
        for (String user : List.of(Users.GRID_NANCHA, Users.ELDER_NANCHA, Users.VILLAGER_NANCHA, Users.MEDIATOR)) {
            forbidden(api.get(path, Api.as(user)), user);
            forbidden(api.get("/api/dispatch/cases", Api.as(user)), user);
            forbidden(api.get("/api/dispatch/supervision/digest", Api.as(user)), user);
        }
        forbidden(api.get(path, Api.asHotline()), "hotline");
        // right reader, wrong action: the assessor only reads, a department never signs off
        forbidden(api.post(path + "/notes", "{\"note\":\"x\"}", Api.as(Users.ASSESSOR)), "assessor");
        forbidden(api.post("/api/dispatch/sign-offs", "{\"items\":[{\"caseId\":\"" + caseId + "\"}]}",
                Api.as(Users.CONSTRUCTION)), "department");
        forbidden(api.get("/api/dispatch/sign-off-queue", Api.as(Users.CADRE_NANCHA)), "village-cadre");
        forbidden(api.get("/api/dispatch/supervision/digest", Api.as(Users.POLICE)), "agency");
        // the body is not read before the role is checked: a malformed one still gets 403
        forbidden(api.post(path + "/return", "{\"reason\":", Api.as(Users.CADRE_NANCHA)), "village-cadre");
    }

    @Test
    void villagesDepartmentsAndAgenciesSeeOnlyTheirOwnCases() {
        String nancha = signedOff(Tickets.water(Tickets.newId(), Instant.now()));
        String beitumen = signedOff(Tickets.ticket(Tickets.newId(), "irrigation", "agriculture", "beitumen",
                Urgency.NORMAL, Instant.now(), List.of()));
        String path = "/api/dispatch/cases/" + nancha;

        // villages
        assertThat(ok(api.get(path, Api.as(Users.CADRE_NANCHA))).text("village")).isEqualTo("nancha");
        notFound(api.get(path, Api.as(Users.CADRE_BEITUMEN)));
        notFound(api.get(path + "/timeline", Api.as(Users.CADRE_BEITUMEN)));
        notFound(api.post(path + "/notes", "{\"note\":\"x\"}", Api.as(Users.CADRE_BEITUMEN)));
        notFound(api.get("/api/dispatch/cases/" + beitumen, Api.as(Users.CADRE_NANCHA)));
        String nanchaList = ok(api.get("/api/dispatch/cases?size=200&village=beitumen", Api.as(Users.CADRE_NANCHA))).body();
        assertThat(nanchaList).as("a cadre asking for another village still gets its own").contains(nancha)
                .doesNotContain(beitumen);
        assertThat(ok(api.get("/api/dispatch/supervision/digest?scope=VILLAGE&unit=beitumen",
                Api.as(Users.CADRE_NANCHA))).body()).contains(nancha).doesNotContain(beitumen);

        // departments: the lead, and one summoned beside it (co-handling once reported in)
        Map<String, String> construction = Api.as(Users.CONSTRUCTION);
        Map<String, String> agriculture = Api.as(Users.AGRICULTURE);
        notFound(api.get(path, agriculture));
        notFound(api.post(path + "/accept", "{}", agriculture));
        assertThat(ok(api.get("/api/dispatch/cases?size=200", agriculture)).body()).contains(beitumen)
                .doesNotContain(nancha);
        notFound(api.get("/api/dispatch/cases/" + beitumen, construction));
        ok(api.post(path + "/accept", "{}", construction));
        ok(api.post(path + "/whistle", """
                {"agencies":["agriculture","police"],"reason":"irrigation ditch dug through the road",
                 "reportInDueAt":"%s"}""".formatted(Instant.now().plus(Duration.ofHours(2))), construction));
        assertThat(ok(api.get(path, agriculture)).text("id")).isEqualTo(nancha);
        assertThat(ok(api.get("/api/dispatch/cases?size=200", agriculture)).body()).contains(nancha, beitumen);
        forbidden(api.post(path + "/contact", "{}", agriculture), "summoned, not yet reported in");
        assertThat(ok(api.post(path + "/report-in", "", agriculture)).json().path("coHandlers").toString())
                .contains("agriculture");
        ok(api.post(path + "/contact", "{\"note\":\"called about the ditch\"}", agriculture));
        forbidden(api.post(path + "/resolve", "{\"resolution\":\"x\"}", agriculture), "a co-handler does not resolve");

        // agencies: only what they were summoned to, and they report in for their own summons only
        Map<String, String> police = Api.as(Users.POLICE);
        Map<String, String> market = Api.as(Users.MARKET);
        notFound(api.get(path, market));
        notFound(api.post(path + "/report-in", "", market));
        assertThat(ok(api.get("/api/dispatch/cases?size=200", market)).json().path("total").asLong()).isZero();
        assertThat(ok(api.get("/api/dispatch/cases?size=200&agency=market-supervision", police)).body())
                .contains(nancha);
        ok(api.post(path + "/report-in", "", police));
        Api.Reply twice = api.post(path + "/report-in", "", police);
        assertThat(twice.status()).as("no other summons to report in for").isEqualTo(422);
        notFound(api.get("/api/dispatch/cases/" + beitumen, police));
        assertThat(ok(api.get(path, Api.as(Users.ASSESSOR))).text("id")).isEqualTo(nancha);
    }

    @Test
    void aConfidentialComplainantIsShownOnlyToTheTownshipAndTheLeadDepartment() {
        String ticketId = Tickets.newId();
        String caseId = signedOff(Tickets.confidential(ticketId, Instant.now()));
        String path = "/api/dispatch/cases/" + caseId;
        Map<String, String> construction = Api.as(Users.CONSTRUCTION);
        ok(api.post(path + "/accept", "{}", construction));
        ok(api.post(path + "/contact", "{}", construction));
        ok(api.post(path + "/whistle", """
                {"agencies":["police"],"reason":"threats","reportInDueAt":"%s"}"""
                .formatted(Instant.now().plus(Duration.ofHours(2))), construction));

        for (String user : List.of(Users.SECRETARY, Users.DISPATCHER, Users.CONSTRUCTION)) {
            Api.Reply seen = ok(api.get(path, Api.as(user)));
            assertThat(seen.text("complainantName")).as(user).isEqualTo(Tickets.NAME);
            assertThat(seen.text("complainantPhoneMasked")).as(user).isEqualTo(Tickets.PHONE_MASKED);
        }
        List<String> withheld = List.of(Users.CADRE_NANCHA, Users.POLICE, Users.ASSESSOR);
        for (String user : withheld) {
            Api.Reply seen = ok(api.get(path, Api.as(user)));
            assertThat(seen.json().path("confidential").asBoolean()).isTrue();
            assertThat(seen.text("complainantName")).as(user).isNull();
            assertThat(seen.text("complainantPhoneMasked")).as(user).isNull();
        }
        ok(api.post(path + "/report-in", "", Api.as(Users.POLICE)));
        ok(api.post(path + "/hand-down", """
                {"reason":"the claim is untrue","plan":["remind","home-visit mediation","hand down to the elders"]}""",
                construction));

        // every read the cadre and the summoned police have: the name and the phone appear nowhere
        for (String user : withheld) {
            Map<String, String> as = Api.as(user);
            List<Api.Reply> reads = List.of(ok(api.get(path, as)), ok(api.get(path + "/timeline", as)),
                    ok(api.get("/api/dispatch/cases?size=200", as)),
                    ok(api.get("/api/dispatch/cases?size=200&state=HANDED_DOWN", as)));
            for (Api.Reply read : reads) {
                assertThat(read.body()).as(user).doesNotContain(Tickets.NAME).doesNotContain(Tickets.PHONE_MASKED);
            }
        }
        assertThat(ok(api.get("/api/dispatch/cases?size=200", Api.as(Users.POLICE))).body()).contains(caseId);
        assertThat(ok(api.get("/api/dispatch/supervision/digest", Api.as(Users.CADRE_NANCHA))).body())
                .contains(caseId).doesNotContain(Tickets.NAME).doesNotContain(Tickets.PHONE_MASKED);
        assertThat(ok(api.get(path, Api.as(Users.SECRETARY))).text("complainantName")).isEqualTo(Tickets.NAME);

        // the hand-down event goes to the village and mediation: no complainant in it
        await().atMost(Duration.ofSeconds(30)).until(() -> WIRE.count(caseId, CaseHandedDown.class) == 1);
        CaseHandedDown event = WIRE.events(caseId, CaseHandedDown.class).getFirst();
        assertThat(event.confidential()).isTrue();
        assertThat(event.complainantName()).isNull();
        assertThat(event.complainantPhoneMasked()).isNull();
        assertThat(WIRE.about(caseId)).as("no event about the case names the complainant")
                .allSatisfy(p -> assertThat(new String(p.payload(), java.nio.charset.StandardCharsets.UTF_8))
                        .doesNotContain(Tickets.NAME).doesNotContain(Tickets.PHONE_MASKED));
    }

    @Test
    void anOrdinaryComplainantIsShownWithTheMaskedPhoneOnly() {
        String caseId = signedOff(Tickets.water(Tickets.newId(), Instant.now()));
        for (String user : List.of(Users.SECRETARY, Users.CONSTRUCTION, Users.CADRE_NANCHA, Users.ASSESSOR)) {
            Api.Reply seen = ok(api.get("/api/dispatch/cases/" + caseId, Api.as(user)));
            assertThat(seen.text("complainantName")).as(user).isEqualTo(Tickets.NAME);
            assertThat(seen.text("complainantPhoneMasked")).as(user).isEqualTo(Tickets.PHONE_MASKED);
        }
    }

    @Test
    void aPhoneThatArrivesUnmaskedIsMaskedBeforeItIsKept() {
        String ticketId = Tickets.newId();
        TicketReceived raw = Tickets.water(ticketId, Instant.now());
        TicketReceived unmasked = new TicketReceived(raw.ticketId(), raw.ticketNo(), raw.source(), raw.receivedAt(),
                raw.channel(), raw.kind(), raw.category(), raw.leadDepartment(), raw.deadlineClass(), raw.content(),
                raw.address(), raw.location(), raw.village(), raw.grid(), raw.manualRouting(),
                new cn.township.contracts.intake.Complainant(Tickets.NAME, "13812341234", "k2"), false,
                raw.urgency(), raw.dueAt(), raw.attachments(), raw.linkedTicketIds(), raw.reportedBy());
        String caseId = signedOff(unmasked);
        Api.Reply seen = ok(api.get("/api/dispatch/cases/" + caseId, Api.as(Users.SECRETARY)));
        assertThat(seen.text("complainantPhoneMasked")).isEqualTo("138****1234");
        assertThat(seen.body()).doesNotContain("13812341234");
    }

    String signedOff(TicketReceived ticket) {
        WIRE.publish(ticket);
        String caseId = "C-" + ticket.ticketId();
        Map<String, String> secretary = Api.as(Users.SECRETARY);
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId, secretary).status() == 200);
        ok(api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{}", secretary));
        return caseId;
    }

    static Api.Reply ok(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        return reply;
    }

    static void notFound(Api.Reply reply) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }

    static void forbidden(Api.Reply reply, String who) {
        assertThat(reply.status()).as("%s: %s", who, reply).isEqualTo(403);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
