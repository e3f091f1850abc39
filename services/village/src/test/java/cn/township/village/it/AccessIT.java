package cn.township.village.it;

import cn.township.infra.testing.AccessMatrix;
import cn.township.infra.testing.AccessMatrix.Row;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static cn.township.village.it.Api.*;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call what, with real tokens of the realm's demo users: no or a bad token → 401, a role the endpoint
 * does not serve → 403, both as problem+json; the rows of {@code access-matrix.csv} hold for this service.
 */
class AccessIT extends VillageItSupport {

    /** A valid body for each endpoint that takes one, so that only the caller's role can make it fail. */
    private static final Map<String, String> BODIES = Map.ofEntries(
            Map.entry("POST /api/village/councils/{id}/opinions", "{\"opinion\":\"REASONABLE\",\"comment\":\"x\"}"),
            Map.entry("POST /api/village/reviews/{id}/responses", "{\"rating\":3,\"comment\":\"x\"}"),
            Map.entry("PUT /api/village/representatives", "{\"villagers\":[]}"),
            Map.entry("POST /api/village/deliberations", "{\"title\":\"t\",\"proposal\":\"p\"}"),
            Map.entry("POST /api/village/deliberations/{id}/comments", "{\"text\":\"x\"}"),
            Map.entry("POST /api/village/deliberations/{id}/votes", "{\"choice\":\"FOR\"}"),
            Map.entry("POST /api/village/points/awards", "{\"household\":\"h-x\",\"ruleCode\":\"VOLUNTEER\",\"reason\":\"x\"}"),
            Map.entry("POST /api/village/points/deductions", "{\"household\":\"h-x\",\"ruleCode\":\"LITTERING\",\"reason\":\"x\"}"),
            Map.entry("POST /api/village/points/redemptions", "{\"itemCode\":\"SOAP\"}"),
            Map.entry("POST /api/village/projects", "{\"title\":\"t\",\"categories\":[\"roads\"]}"));

    private static String concrete(String template) {
        return template.replace("{id}", "x-missing").replace("{household}", HOUSEHOLD_NANCHA)
                .replace("{month}", "2026-05");
    }

    @Test
    void theMatrixHasOneRowPerEndpointAndRoleWithAKnownExpectation() throws IOException {
        List<Row> rows = AccessMatrix.rows("/api/village/");
        Set<String> keys = new LinkedHashSet<>();
        rows.forEach(r -> keys.add(r.method() + " " + r.path() + " " + r.role()));
        assertThat(keys).hasSameSizeAs(rows);
        assertThat(rows).extracting(Row::role).containsOnly(BY_ROLE.keySet().toArray(String[]::new));
        assertThat(rows).extracting(Row::expect).containsOnly("allowed", "denied", "scoped");
        Set<String> endpoints = new LinkedHashSet<>();
        rows.forEach(r -> endpoints.add(r.method() + " " + r.path()));
        assertThat(rows).hasSize(endpoints.size() * BY_ROLE.size());
        // and the endpoints are exactly those of the OpenAPI document
        assertThat(endpoints).containsExactlyInAnyOrderElementsOf(OpenApiIT.documented(api));
    }

    @Test
    void everyDeniedRowIsRefusedWith403ForThatRolesToken() throws IOException {
        int checked = 0;
        for (Row row : AccessMatrix.rows("/api/village/")) {
            if (!row.expect().equals("denied")) {
                continue;
            }
            Api.Reply reply = api.send(BY_ROLE.get(row.role()), row.method(), concrete(row.path()),
                    BODIES.get(row.method() + " " + row.path()), Map.of());
            assertThat(reply.status()).as(row.toString()).isEqualTo(403);
            assertThat(reply.contentType()).as(row.toString()).startsWith("application/problem+json");
            checked++;
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void everyAllowedReadWithoutARecordAnswers200() throws IOException {
        int checked = 0;
        for (Row row : AccessMatrix.rows("/api/village/")) {
            if (row.expect().equals("allowed") && row.method().equals("GET")) {
                Api.Reply reply = api.get(BY_ROLE.get(row.role()), row.path());
                assertThat(reply.status()).as(row.toString()).isEqualTo(200);
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(16);
    }

    @Test
    void withoutAValidTokenEveryEndpointAnswers401() throws IOException {
        Set<String> endpoints = new LinkedHashSet<>();
        AccessMatrix.rows("/api/village/").forEach(r -> endpoints.add(r.method() + " " + r.path()));
        for (String endpoint : endpoints) {
            String method = endpoint.substring(0, endpoint.indexOf(' '));
            String path = concrete(endpoint.substring(endpoint.indexOf(' ') + 1));
            Api.Reply anonymous = api.send(null, method, path, BODIES.get(endpoint), Map.of());
            assertThat(anonymous.status()).as(endpoint).isEqualTo(401);
            assertThat(anonymous.contentType()).as(endpoint).startsWith("application/problem+json");
        }
        Api.Reply garbage = api.send(null, "GET", "/api/village/councils", null,
                Map.of("Authorization", "Bearer not-a-token"));
        assertThat(garbage.status()).isEqualTo(401);
        assertThat(garbage.contentType()).startsWith("application/problem+json");
        // the X-* identity headers of old count for nothing
        Api.Reply headers = api.send(null, "GET", "/api/village/councils", null,
                Map.of("X-User", "cadre-nancha", "X-Roles", "village-cadre", "X-Village", NANCHA));
        assertThat(headers.status()).isEqualTo(401);
    }

    @Test
    void aForgedVillageClaimIsRejected() {
        String forged = KeycloakTokens.tampered(new KeycloakTokens(TestInfrastructure.keycloakIssuer())
                .user("cadre-beitumen"), "village", NANCHA);
        Api.Reply reply = api.send(null, "GET", "/api/village/councils", null, Map.of("Authorization", "Bearer " + forged));
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.contentType()).startsWith("application/problem+json");
    }
}
