package cn.township.intake.web;

import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import cn.township.intake.support.TicketPushes;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who reads which ticket, with real tokens of the realm's demo users: roles per endpoint, village, department
 * and source scope, phone masking, and a confidential complainant withheld from village roles, agencies and
 * villagers on every read endpoint while the secretary, the dispatcher and the lead department still see them.
 */
@ServiceIntegrationTest
class TicketAccessIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    private static final String SECRET_NAME = "李先生";
    private static final String SECRET_PHONE = "13698765432";
    private static final String OPEN_PHONE = "13812341234";
    private static final String TICKETS = "/api/intake/v1/tickets";

    @LocalServerPort
    int port;

    /** An ordinary and a confidential 12345 ticket about 南岔村 (drainage: lead department construction). */
    String open;
    String confidential;

    @BeforeEach
    void pushTickets() {
        open = push(TicketPushes.valid(TicketPushes.newTicketNo()));
        var secret = TicketPushes.with(TicketPushes.phone(TicketPushes.valid(TicketPushes.newTicketNo()), SECRET_PHONE),
                Map.of("confidential", true, "content", "举报村内私搭乱建，请为我保密"));
        ((tools.jackson.databind.node.ObjectNode) secret.get("complainant")).put("name", SECRET_NAME);
        confidential = push(secret);
    }

    private String push(Object body) {
        Http.Reply r = Http.to(port).asHotline().postJson(TICKETS, TicketPushes.json(body));
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("ticketId").asString();
    }

    private Http as(String user) {
        return Http.to(port).as(user);
    }

    private static void assertProblem(Http.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.isProblem()).as(reply.toString()).isTrue();
    }

    /** Every read of tickets a caller can make, as raw bodies. */
    private List<Http.Reply> everyRead(Http caller) {
        return List.of(caller.get(TICKETS + "/" + confidential), caller.get(TICKETS + "?size=200"),
                caller.get(TICKETS + "?village=nancha&size=200"), caller.get(TICKETS + "?category=drainage&size=200"),
                caller.get(TICKETS + "/counts"));
    }

    @Test
    void aConfidentialComplainantNeverReachesVillageRolesAgenciesOrVillagers() {
        for (String user : List.of("cadre-nancha", "grid-nancha")) {
            Http caller = as(user);
            JsonNode ticket = caller.get(TICKETS + "/" + confidential).json();
            assertThat(ticket.get("ticketId").asString()).as(user + " reads its village's ticket").isEqualTo(confidential);
            assertThat(ticket.get("confidential").asBoolean()).isTrue();
            assertThat(ticket.has("complainant")).as(user).isFalse();
            assertThat(caller.get(TICKETS + "?size=200").json()).extracting(t -> t.get("ticketId").asString())
                    .as(user + " lists it").contains(confidential);
            for (Http.Reply reply : everyRead(caller)) {
                assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                assertThat(reply.body()).as(user).doesNotContain(SECRET_NAME).doesNotContain(SECRET_PHONE)
                        .doesNotContain("136****5432");
            }
        }
        for (String user : List.of("agency-police", "villager-nancha", "elder-nancha-1", "mediator")) {
            for (Http.Reply reply : everyRead(as(user))) {
                assertProblem(reply, 403);
                assertThat(reply.body()).as(user).doesNotContain(SECRET_NAME).doesNotContain(SECRET_PHONE);
            }
        }
        JsonNode assessor = as("assessor").get(TICKETS + "/" + confidential).json();
        assertThat(assessor.has("complainant")).as("the assessor reads tickets, not confidential complainants").isFalse();
    }

    @Test
    void theSecretaryTheDispatcherTheLeadDepartmentAndTheCitySeeTheConfidentialComplainant() {
        for (Http caller : List.of(as("secretary"), as("dispatcher"), as("dept-construction"), Http.to(port).asHotline())) {
            JsonNode complainant = caller.get(TICKETS + "/" + confidential).json().get("complainant");
            assertThat(complainant.get("name").asString()).isEqualTo(SECRET_NAME);
            assertThat(complainant.get("phone").asString()).isEqualTo(SECRET_PHONE);
            JsonNode listed = null;
            for (JsonNode t : caller.get(TICKETS + "?category=drainage&size=200").json()) {
                if (t.get("ticketId").asString().equals(confidential)) {
                    listed = t;
                }
            }
            assertThat(listed).isNotNull();
            assertThat(listed.get("complainant").get("name").asString()).isEqualTo(SECRET_NAME);
        }
    }

    @Test
    void anOrdinaryPhoneIsClearForRolesThatCallBackAndMaskedForOthers() {
        for (Http caller : List.of(as("secretary"), as("dispatcher"), as("dept-construction"), as("cadre-nancha"),
                Http.to(port).asHotline())) {
            assertThat(caller.get(TICKETS + "/" + open).json().get("complainant").get("phone").asString())
                    .isEqualTo(OPEN_PHONE);
        }
        for (String user : List.of("grid-nancha", "assessor")) {
            JsonNode complainant = as(user).get(TICKETS + "/" + open).json().get("complainant");
            assertThat(complainant.get("phone").asString()).as(user).isEqualTo("138****1234");
            assertThat(complainant.get("name").asString()).as(user).isEqualTo("张女士");
            for (JsonNode t : as(user).get(TICKETS + "?size=200").json()) {
                if (t.has("complainant") && t.get("complainant").has("phone")) {
                    assertThat(t.get("complainant").get("phone").asString()).as(user).contains("****");
                }
            }
        }
    }

    @Test
    void anotherVillageAnotherDepartmentAndTheCityOutsideItsTicketsAreRefused() {
        for (String user : List.of("cadre-beitumen", "grid-beitumen", "dept-agriculture")) {
            assertProblem(as(user).get(TICKETS + "/" + open), 404);
            assertProblem(as(user).get(TICKETS + "/" + confidential), 404);
            assertThat(as(user).get(TICKETS + "?size=200").json()).extracting(t -> t.get("ticketId").asString())
                    .as(user).doesNotContain(open, confidential);
        }
        assertProblem(as("cadre-beitumen").get(TICKETS + "?village=nancha"), 403);
        assertProblem(as("grid-beitumen").get(TICKETS + "?village=nancha"), 403);
        for (JsonNode t : as("cadre-nancha").get(TICKETS + "?size=200").json()) {
            assertThat(t.get("village").asString()).isEqualTo("nancha");
        }
        for (JsonNode t : as("dept-construction").get(TICKETS + "?size=200").json()) {
            assertThat(t.get("leadDepartment").asString()).isEqualTo("construction");
        }

        Http.Reply report = as("grid-nancha").postJson("/api/intake/v1/grid-reports", "{\"reportId\":\"P-"
                + System.nanoTime() + "\",\"category\":\"roads\",\"description\":\"村口路面塌陷\"}");
        assertThat(report.status()).as(report.toString()).isEqualTo(201);
        String gridTicket = report.json().get("ticketId").asString();
        Http hotline = Http.to(port).asHotline();
        assertProblem(hotline.get(TICKETS + "/" + gridTicket), 404);
        assertProblem(hotline.postJson(TICKETS + "/" + gridTicket + "/urges", "{\"messageId\":\"U-1\"}"), 404);
        assertThat(hotline.get(TICKETS + "?size=200").json()).extracting(t -> t.get("source").asString())
                .containsOnly("HOTLINE_12345");
        assertThat(as("grid-nancha").get(TICKETS + "/" + gridTicket).json().get("reportedBy").asString())
                .isEqualTo("grid-nancha");
        // the anonymous Open311 API never shows a 12345 ticket
        assertThat(Http.to(port).get("/open311/v2/requests/" + confidential + ".json").status()).isEqualTo(404);
    }

    @Test
    void noTokenOrABadTokenIs401AndTheWrongRoleIs403() {
        Http anonymous = Http.to(port);
        for (Http.Reply reply : List.of(anonymous.get(TICKETS + "/" + open), anonymous.get(TICKETS),
                anonymous.get(TICKETS + "/counts"), anonymous.postJson(TICKETS + "/" + open + "/urges", "{\"messageId\":\"U\"}"),
                anonymous.postJson("/api/intake/v1/grid-reports", "{}"), anonymous.get("/api/intake/v1/feedback-deliveries"),
                Http.to(port).bearer("not-a-token").get(TICKETS + "/" + open))) {
            assertProblem(reply, 401);
            assertThat(reply.body()).doesNotContain("张女士");
        }

        String urge = "{\"messageId\":\"U-" + System.nanoTime() + "\"}";
        assertProblem(as("dispatcher").postJson(TICKETS + "/" + open + "/urges", urge), 403);
        assertProblem(as("secretary").postJson(TICKETS, TicketPushes.json(TicketPushes.valid(TicketPushes.newTicketNo()))), 403);
        assertProblem(as("cadre-nancha").postJson("/api/intake/v1/grid-reports", "{}"), 403);
        assertProblem(as("villager-nancha").get("/api/intake/v1/feedback-deliveries"), 403);
        assertProblem(as("assessor").postJson("/api/intake/v1/feedback-deliveries/x/retry", ""), 403);
        assertProblem(as("dispatcher").postJson("/api/intake/v1/feedback-deliveries/no-such-delivery/retry", ""), 404);
        assertThat(Http.to(port).asHotline().postJson(TICKETS + "/" + open + "/urges", urge).status()).isEqualTo(201);
    }
}
