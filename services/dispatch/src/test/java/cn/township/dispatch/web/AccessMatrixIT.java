package cn.township.dispatch.web;

import cn.township.infra.testing.AccessMatrix;
import cn.township.infra.testing.AccessMatrix.Row;
import cn.township.contracts.intake.Urgency;
import cn.township.dispatch.it.Api;
import cn.township.dispatch.it.Tickets;
import cn.township.dispatch.it.Users;
import cn.township.dispatch.it.Wire;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.security.AllowedRoles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The published contract of the service's access: {@code /v3/api-docs} lists every endpoint the controllers
 * map, {@code access-matrix.csv} has one row per endpoint and role and agrees with each endpoint's
 * {@link AllowedRoles} roles, and the service behaves as the file says with real tokens: {@code denied} → 401/403,
 * {@code allowed} → neither, {@code scoped} → 404 on a case outside the caller's unit.
 */
@ServiceIntegrationTest
@DirtiesContext
@TestPropertySource(properties = "township.dispatch.consumer-group=dispatch-it-${random.uuid}")
class AccessMatrixIT {

    static final List<String> ROLES = List.of("hotline", "secretary", "dispatcher", "department", "agency",
            "village-cadre", "grid-worker", "mediator", "elder", "villager", "assessor");
    /** The demo user each role is tried as. */
    static final Map<String, String> USER = Map.ofEntries(Map.entry("secretary", Users.SECRETARY),
            Map.entry("dispatcher", Users.DISPATCHER), Map.entry("department", Users.CONSTRUCTION),
            Map.entry("agency", Users.POLICE), Map.entry("village-cadre", Users.CADRE_NANCHA),
            Map.entry("grid-worker", Users.GRID_NANCHA), Map.entry("mediator", Users.MEDIATOR),
            Map.entry("elder", Users.ELDER_NANCHA), Map.entry("villager", Users.VILLAGER_NANCHA),
            Map.entry("assessor", Users.ASSESSOR));
    static final Wire WIRE = new Wire();

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Users.realm(registry);
    }

    @Value("${local.server.port}")
    int port;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    @AfterAll
    static void closeWire() {
        WIRE.close();
    }

    @Test
    void theOpenApiDocumentListsEveryEndpointWithoutAToken() {
        Api.Reply docs = new Api(port).get("/v3/api-docs", Map.of());
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        assertThat(operations(docs)).isEqualTo(mapped().keySet()).isNotEmpty();
    }

    @Test
    void theMatrixHasARowPerEndpointAndRoleAndAgreesWithTheDeclaredRoles() throws IOException {
        List<Row> rows = AccessMatrix.rows("/api/dispatch/");
        Set<String> expected = new TreeSet<>();
        operations(new Api(port).get("/v3/api-docs", Map.of())).forEach(op -> ROLES.forEach(r -> expected.add(op + " " + r)));
        Set<String> listed = rows.stream().map(r -> r.method() + " " + r.path() + " " + r.role())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(listed).isEqualTo(expected);
        assertThat(rows).hasSize(expected.size());
        Map<String, AllowedRoles> declared = mapped();
        for (Row row : rows) {
            assertThat(row.expect()).isIn("allowed", "denied", "scoped");
            AllowedRoles allowed = declared.get(row.method() + " " + row.path());
            assertThat(allowed).as("%s %s declares its roles", row.method(), row.path()).isNotNull();
            assertThat(!row.expect().equals("denied")).as("%s", row)
                    .isEqualTo(Arrays.asList(allowed.value()).contains(row.role()));
        }
    }

    @Test
    void theServiceAnswersAsTheMatrixSays() throws IOException {
        Api api = new Api(port);
        // in scope of every scoped demo user: construction leads, nancha carries it out, the police are summoned
        String mine = openSignedOff(api, Tickets.water(Tickets.newId(), Instant.now()));
        Api.Reply accepted = api.post("/api/dispatch/cases/" + mine + "/accept", "{}", Api.as(Users.CONSTRUCTION));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Api.Reply whistled = api.post("/api/dispatch/cases/" + mine + "/whistle", """
                {"agencies":["police"],"reason":"r","reportInDueAt":"%s"}""".formatted(Instant.now().plus(Duration.ofHours(3))),
                Api.as(Users.CONSTRUCTION));
        assertThat(whistled.status()).as(whistled.toString()).isEqualTo(200);
        // in nobody's scope but the township's: agriculture leads, beitumen carries it out, nobody summoned
        String theirs = openSignedOff(api, Tickets.ticket(Tickets.newId(), "irrigation", "agriculture", "beitumen",
                Urgency.NORMAL, Instant.now(), List.of()));

        for (Row row : AccessMatrix.rows("/api/dispatch/")) {
            Map<String, String> as = row.role().equals("hotline") ? Api.asHotline() : Api.as(USER.get(row.role()));
            String onCase = row.expect().equals("scoped") ? theirs : mine;
            String path = row.path().replace("{id}", onCase);
            Api.Reply reply = row.method().equals("GET") ? api.get(path + (path.endsWith("/cases") ? "?size=200" : ""), as)
                    : api.post(path, "{}", as);
            assertThat(reply.status()).as("%s -> %s", row, reply).isNotEqualTo(500);
            switch (row.expect()) {
                case "denied" -> {
                    assertThat(reply.status()).as("%s -> %s", row, reply).isIn(401, 403);
                    assertThat(reply.contentType()).as("%s", row).startsWith("application/problem+json");
                }
                case "allowed" -> assertThat(reply.status()).as("%s -> %s", row, reply).isNotIn(401, 403, 404);
                default -> {
                    if (row.path().contains("{id}")) {
                        assertThat(reply.status()).as("%s -> %s", row, reply).isIn(403, 404);
                    } else {
                        assertThat(reply.status()).as("%s -> %s", row, reply).isEqualTo(200);
                        assertThat(reply.body()).as("%s shows only the caller's own", row).doesNotContain(theirs);
                    }
                }
            }
        }
    }

    static String openSignedOff(Api api, cn.township.contracts.intake.TicketReceived ticket) {
        WIRE.publish(ticket);
        String caseId = "C-" + ticket.ticketId();
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/api/dispatch/cases/" + caseId,
                Api.as(Users.SECRETARY)).status() == 200);
        Api.Reply signed = api.post("/api/dispatch/cases/" + caseId + "/sign-off", "{}", Api.as(Users.SECRETARY));
        assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
        return caseId;
    }

    /** "METHOD /path" of every operation in the OpenAPI document. */
    static Set<String> operations(Api.Reply docs) {
        Set<String> ops = new TreeSet<>();
        docs.json().path("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                ops.add(op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey())));
        return ops;
    }

    /** "METHOD /path" of every handler method of the service's own controllers, with its declared roles. */
    Map<String, AllowedRoles> mapped() {
        Map<String, AllowedRoles> ops = new java.util.TreeMap<>();
        Set<String> undeclared = new HashSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            if (!method.getBeanType().getPackageName().startsWith("cn.township.dispatch")) {
                return;
            }
            for (String pattern : info.getPatternValues()) {
                for (var m : info.getMethodsCondition().getMethods()) {
                    String key = m.name() + " " + pattern;
                    AllowedRoles allowed = method.getMethodAnnotation(AllowedRoles.class);
                    if (allowed == null) {
                        undeclared.add(key);
                    } else {
                        ops.put(key, allowed);
                    }
                }
            }
        });
        assertThat(undeclared).as("endpoints without @AllowedRoles").isEmpty();
        return ops;
    }

}
