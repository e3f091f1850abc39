package cn.township.intake.web;

import cn.township.infra.testing.AccessMatrix;
import cn.township.infra.testing.AccessMatrix.Row;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.intake.support.Http;
import cn.township.intake.support.Realm;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document lists every endpoint the controllers map (compared with Spring's handler mappings, so an
 * undocumented endpoint fails here), {@code access-matrix.csv} has a row for each of them and each role, and
 * the service behaves as its {@code denied} and {@code allowed} rows say, with real tokens. The {@code scoped}
 * rows are checked record by record in {@link TicketAccessIT} and the other ITs.
 */
@ServiceIntegrationTest
class AccessMatrixIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Realm.register(registry);
    }

    static final List<String> ROLES = List.of("hotline", "secretary", "dispatcher", "department", "agency",
            "village-cadre", "grid-worker", "mediator", "elder", "villager", "assessor");

    /** A demo user of the realm for each role. */
    static final Map<String, String> USERS = Map.of("secretary", "secretary", "dispatcher", "dispatcher",
            "department", "dept-construction", "agency", "agency-police", "village-cadre", "cadre-nancha",
            "grid-worker", "grid-nancha", "mediator", "mediator", "elder", "elder-nancha-1",
            "villager", "villager-nancha", "assessor", "assessor");

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** "METHOD path" of every endpoint in the OpenAPI document, fetched without a token. */
    private Set<String> documented() {
        Http.Reply docs = Http.to(port).get("/v3/api-docs");
        assertThat(docs.status()).as(docs.toString()).isEqualTo(200);
        Set<String> endpoints = new TreeSet<>();
        docs.json().get("paths").properties().forEach(path -> path.getValue().properties().forEach(op ->
                endpoints.add(op.getKey().toUpperCase() + " " + path.getKey())));
        return endpoints;
    }

    @Test
    void theOpenApiDocumentListsEveryMappedEndpoint() {
        Set<String> mapped = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("cn.township.intake")) {
                assertThat(info.getMethodsCondition().getMethods()).as(handler.toString()).isNotEmpty();
                info.getMethodsCondition().getMethods().forEach(m -> info.getPatternValues()
                        .forEach(p -> mapped.add(m.name() + " " + p)));
            }
        });
        assertThat(mapped).hasSizeGreaterThanOrEqualTo(19);
        assertThat(documented()).containsExactlyElementsOf(mapped);
    }

    @Test
    void theMatrixHasOneRowPerDocumentedEndpointAndRole() throws IOException {
        Map<String, List<String>> rolesByEndpoint = new TreeMap<>();
        for (Row row : AccessMatrix.rows("/api/intake/", "/open311/")) {
            assertThat(row.expect()).as(row.toString()).isIn("allowed", "denied", "scoped");
            rolesByEndpoint.computeIfAbsent(row.method() + " " + row.path(), k -> new ArrayList<>()).add(row.role());
        }
        assertThat(rolesByEndpoint.keySet()).containsExactlyElementsOf(documented());
        rolesByEndpoint.forEach((endpoint, roles) ->
                assertThat(roles).as(endpoint).containsExactlyInAnyOrderElementsOf(ROLES));
    }

    @Test
    void deniedRowsAre403WithTheRolesTokenAnd401WithoutOne() throws IOException {
        Set<String> checked = new TreeSet<>();
        for (Row row : AccessMatrix.rows("/api/intake/", "/open311/")) {
            if (!row.expect().equals("denied")) {
                continue;
            }
            Http.Reply withToken = send(Http.to(port).bearer(token(row.role())), row);
            assertThat(withToken.status()).as(row + " -> " + withToken).isEqualTo(403);
            assertThat(withToken.isProblem()).as(row + " -> " + withToken).isTrue();
            Http.Reply anonymous = send(Http.to(port), row);
            assertThat(anonymous.status()).as(row + " without a token -> " + anonymous).isEqualTo(401);
            assertThat(anonymous.isProblem()).isTrue();
            checked.add(row.method() + " " + row.path());
        }
        assertThat(checked).as("every /api endpoint refuses some role")
                .containsExactlyElementsOf(documented().stream().filter(e -> e.contains(" /api/")).toList());
    }

    @Test
    void allowedRowsAreNeitherRefusedNorFailing() throws IOException {
        for (Row row : AccessMatrix.rows("/api/intake/", "/open311/")) {
            if (!row.expect().equals("allowed")) {
                continue;
            }
            Http.Reply reply = send(Http.to(port).bearer(token(row.role())), row);
            assertThat(reply.status()).as(row + " -> " + reply).isNotIn(401, 403).isLessThan(500);
        }
    }

    private static String token(String role) {
        return role.equals("hotline") ? Realm.hotline() : Realm.user(USERS.get(role));
    }

    private static final Pattern VARIABLE = Pattern.compile("\\{(\\w+)}");

    /** The row's request with made-up path values: {@code {format}} is json, anything else an unknown id. */
    private static Http.Reply send(Http http, Row row) {
        Matcher m = VARIABLE.matcher(row.path());
        String path = m.replaceAll(v -> v.group(1).equals("format") ? "json" : "unknown-" + v.group(1));
        if (row.method().equals("GET")) {
            return http.get(path);
        }
        assertThat(row.method()).isEqualTo("POST");
        return path.startsWith("/open311/")
                ? http.post(path, "application/x-www-form-urlencoded", "api_key=local-dev-key")
                : http.postJson(path, "{}");
    }

    @Test
    void theOpenApiDocumentNeedsNoToken() {
        JsonNode docs = Http.to(port).get("/v3/api-docs").json();
        assertThat(docs.get("paths").has("/api/intake/v1/tickets/{ticketId}")).isTrue();
        assertThat(docs.get("paths").get("/api/intake/v1/tickets/{ticketId}").get("get").toString())
                .as("the caller comes from the token, not from a parameter").doesNotContain("\"caller\"");
    }
}
