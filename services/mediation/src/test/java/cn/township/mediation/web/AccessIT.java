package cn.township.mediation.web;

import cn.township.infra.testing.AccessMatrix;
import cn.township.infra.testing.AccessMatrix.Row;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.mediation.support.Api;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, with real tokens of the realm's demo users: no token is 401, a wrong role 403 (both
 * problem+json); the OpenAPI document lists every endpoint; access-matrix.csv covers every endpoint × role and
 * its {@code denied} and {@code allowed} rows hold against the running service.
 */
@ServiceIntegrationTest
class AccessIT {

    static final List<String> ROLES = List.of("hotline", "secretary", "dispatcher", "department", "agency",
            "village-cadre", "grid-worker", "mediator", "elder", "villager", "assessor");
    /** A demo user of each role (the hotline role is the hotline client's service account). */
    static final Map<String, String> USER = Map.ofEntries(entry("secretary", "secretary"),
            entry("dispatcher", "dispatcher"), entry("department", "dept-construction"), entry("agency", "agency-police"),
            entry("village-cadre", "cadre-nancha"), entry("grid-worker", "grid-nancha"), entry("mediator", "mediator"),
            entry("elder", "elder-nancha-1"), entry("villager", "villager-nancha"), entry("assessor", "assessor"));

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private Api as(String role) {
        return role.equals("hotline") ? Api.at(port).hotline() : Api.at(port).as(USER.get(role));
    }

    @Test
    void withoutATokenEveryEndpointIs401ProblemButHealthAndDocsArePublic() throws IOException {
        Api anonymous = Api.at(port);
        for (Row row : AccessMatrix.rows("/api/mediation/").stream().filter(r -> r.role().equals("mediator")).toList()) {
            var r = anonymous.request(row.method(), concrete(row.path()), "{}");
            assertProblem(r, 401, row);
        }
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        var forged = Api.at(port).bearer("not-a-jwt").get("/api/mediation/files");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aTokenOfTheWrongRoleIs403ProblemNamingTheRolesNeeded() {
        var villager = Api.at(port).as("villager-nancha").post("/api/mediation/files", """
                {"village":"nancha","disputeType":"NEIGHBOUR","parties":[{"role":"COMPLAINANT","name":"张三"}]}""");
        assertThat(villager.status()).isEqualTo(403);
        assertThat(villager.contentType()).startsWith("application/problem+json");
        assertThat(villager.text("detail")).contains("mediator");
        // refused before the body is read: a broken body from the wrong role is still 403, not 400
        assertThat(Api.at(port).as("cadre-nancha").post("/api/mediation/sessions", "{\"fileId\":").status())
                .isEqualTo(403);
        var department = Api.at(port).as("dept-construction").get("/api/mediation/files");
        assertThat(department.status()).isEqualTo(403);
        assertThat(department.contentType()).startsWith("application/problem+json");
    }

    @Test
    void theDocumentListsEveryEndpointWithItsMethod() {
        var docs = Api.at(port).get("/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().path("paths");
        Set<String> documented = new TreeSet<>();
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                documented.add(method.toUpperCase() + " " + path);
                for (JsonNode parameter : paths.path(path).path(method).path("parameters")) {
                    assertThat(parameter.path("name").asString()).as("the caller comes from the token")
                            .isNotEqualTo("caller");
                }
            }
        }
        assertThat(documented).isEqualTo(exposed());
    }

    @Test
    void theMatrixCoversEveryEndpointAndRoleExactlyOnce() throws IOException {
        List<Row> rows = AccessMatrix.rows("/api/mediation/");
        Set<String> keys = new HashSet<>();
        for (Row row : rows) {
            assertThat(keys.add(row.method() + " " + row.path() + " " + row.role())).as("duplicate " + row).isTrue();
            assertThat(row.expect()).isIn("allowed", "denied", "scoped");
            assertThat(ROLES).contains(row.role());
        }
        Set<String> endpoints = new TreeSet<>();
        rows.forEach(r -> endpoints.add(r.method() + " " + r.path()));
        assertThat(endpoints).isEqualTo(exposed());
        assertThat(rows).hasSize(exposed().size() * ROLES.size());
    }

    @Test
    void deniedRowsAre403AndAllowedRowsAreNeverRefused() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Row row : AccessMatrix.rows("/api/mediation/")) {
            if (row.expect().equals("scoped")) {
                continue; // per record: DataScopeIT
            }
            var r = as(row.role()).request(row.method(), concrete(row.path()), "{}");
            boolean refused = r.status() == 401 || r.status() == 403;
            if (row.expect().equals("denied") != refused || r.status() >= 500
                    || (refused && !r.contentType().startsWith("application/problem+json"))) {
                wrong.add(row + " -> " + r.status() + " " + r.body());
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** The method and path of every endpoint of this service, from Spring's own handler mapping. */
    private Set<String> exposed() {
        Set<String> all = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getName().startsWith("cn.township.mediation.")) {
                for (String path : info.getPatternValues()) {
                    info.getMethodsCondition().getMethods().forEach(m -> all.add(m.name() + " " + path));
                }
            }
        });
        return all;
    }

    /** A path with its templates filled: a member that exists, otherwise ids that do not. */
    private static String concrete(String path) {
        return path.replace("/members/{id}", "/members/elder-nancha-1").replace("{fileId}", "mf-none")
                .replace("{id}", "none");
    }

    private static void assertProblem(Api.Response r, int status, Object what) {
        assertThat(r.status()).as(what + " -> " + r).isEqualTo(status);
        assertThat(r.contentType()).as(what + " -> " + r).startsWith("application/problem+json");
    }
}
