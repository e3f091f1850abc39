package cn.township.security;

import cn.township.infra.testing.MutableClock;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.demo.DemoApplication;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The library in a real servlet app against the real Keycloak realm, with real tokens. */
@SpringBootTest(classes = {DemoApplication.class, ResourceServerIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ResourceServerIT {

    static final String ISSUER = TestInfrastructure.keycloakIssuer();
    static final KeycloakTokens TOKENS = new KeycloakTokens(ISSUER);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("township.security.issuer-uri", () -> ISSUER);
    }

    @TestConfiguration
    static class Clocks {
        @Bean(TownshipSecurityAutoConfiguration.TOKEN_CLOCK)
        MutableClock tokenClock() {
            return MutableClock.ticking();
        }
    }

    /** The clock the token expiry check reads; a test moves it forward to let a real token expire. */
    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;

    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void resetClock() {
        clock.setOffset(Duration.ZERO);
    }

    @Test
    void callerComesFromTheToken() throws Exception {
        HttpResponse<String> grid = get("/whoami", TOKENS.user("grid-nancha"));
        assertThat(grid.statusCode()).isEqualTo(200);
        JsonNode caller = JsonMapper.shared().readTree(grid.body());
        assertThat(caller.get("username").asString()).isEqualTo("grid-nancha");
        assertThat(caller.get("roles")).extracting(JsonNode::asString).containsExactly("grid-worker");
        assertThat(caller.get("village").asString()).isEqualTo("nancha");
        assertThat(caller.get("grid").asString()).isEqualTo("nancha-01");
        assertThat(caller.get("household").isNull()).isTrue();

        JsonNode villager = JsonMapper.shared().readTree(get("/whoami", TOKENS.user("villager-beitumen")).body());
        assertThat(villager.get("village").asString()).isEqualTo("beitumen");
        assertThat(villager.get("household").asString()).isEqualTo("beitumen-0001");

        JsonNode department = JsonMapper.shared().readTree(get("/whoami", TOKENS.user("dept-construction")).body());
        assertThat(department.get("department").asString()).isEqualTo("construction");
        JsonNode agency = JsonMapper.shared().readTree(get("/whoami", TOKENS.user("agency-market")).body());
        assertThat(agency.get("agency").asString()).isEqualTo("market-supervision");

        JsonNode hotline = JsonMapper.shared().readTree(get("/whoami", TOKENS.hotline()).body());
        assertThat(hotline.get("username").asString()).isEqualTo("service-account-hotline");
        assertThat(hotline.get("roles")).extracting(JsonNode::asString).containsExactly("hotline");
    }

    @Test
    void rightTokenWrongRoleIs403Problem() throws Exception {
        assertThat(get("/cases", TOKENS.user("dispatcher")).statusCode()).isEqualTo(200);
        assertThat(JsonMapper.shared().readTree(get("/cases", TOKENS.user("dispatcher")).body()).get("township")
                .asBoolean()).isTrue();

        HttpResponse<String> villager = get("/cases", TOKENS.user("villager-nancha"));
        assertProblem(villager, 403, "dispatcher, secretary");

        assertThat(get("/sign-off", TOKENS.user("secretary")).statusCode()).isEqualTo(200);
        assertProblem(get("/sign-off", TOKENS.user("dispatcher")), 403, "");
    }

    @Test
    void allowedRolesAreCheckedBeforeTheBodyIsRead() throws Exception {
        assertThat(post("/api/demo/notes", TOKENS.user("dispatcher"), "{\"note\":\"called back\"}").body())
                .contains("called back");
        assertThat(post("/api/demo/notes", TOKENS.user("dispatcher"), "{broken").statusCode())
                .as("the right role with a broken body: the body's problem").isEqualTo(400);
        HttpResponse<String> refused = post("/api/demo/notes", TOKENS.user("villager-nancha"), "{broken");
        assertProblem(refused, 403, "dispatcher");
        assertThat(JsonMapper.shared().readTree(refused.body()).get("rule").asString()).isEqualTo("role");
        assertProblem(get("/api/demo/forgotten", TOKENS.user("secretary")), 403, "no access rule");
    }

    @Test
    void missingTokenIs401Problem() throws Exception {
        HttpResponse<String> response = get("/whoami", null);
        assertProblem(response, 401, "bearer token");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertProblem(get("/whoami", "not-a-jwt"), 401, "rejected");
    }

    @Test
    void expiredTokenIs401Problem() throws Exception {
        String token = TOKENS.user("secretary");
        assertThat(get("/whoami", token).statusCode()).isEqualTo(200);
        long lifetime = KeycloakTokens.claims(token).get("exp").asLong() - Instant.now().getEpochSecond();
        clock.setOffset(Duration.ofSeconds(lifetime).plusMinutes(1));
        assertProblem(get("/whoami", token), 401, "expired");
    }

    @Test
    void tamperedSignatureIs401Problem() throws Exception {
        String forged = KeycloakTokens.tampered(TOKENS.user("villager-nancha"), "village", "beitumen");
        assertProblem(get("/whoami", forged), 401, "signature");
    }

    @Test
    void wrongAudienceIs401Problem() throws Exception {
        String token = TOKENS.otherAudience("secretary");
        assertThat(KeycloakTokens.claims(token).get("iss").asString()).isEqualTo(ISSUER);
        assertProblem(get("/whoami", token), 401, "township-api");
    }

    @Test
    void healthNeedsNoToken() throws Exception {
        assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    }

    @Test
    void phonesAreMaskedForRolesThatDoNotNeedThem() throws Exception {
        JsonNode dispatcher = JsonMapper.shared().readTree(get("/complainant", TOKENS.user("dispatcher")).body());
        assertThat(dispatcher.get("phone").asString()).isEqualTo("13812341234");
        assertThat(dispatcher.get("confidentialPhone").asString()).isEqualTo("13812341234");
        JsonNode elder = JsonMapper.shared().readTree(get("/complainant", TOKENS.user("elder-nancha-1")).body());
        assertThat(elder.get("phone").asString()).isEqualTo("138****1234");
        assertThat(elder.get("confidentialPhone").asString()).isEqualTo("withheld");
        JsonNode cadre = JsonMapper.shared().readTree(get("/complainant", TOKENS.user("cadre-nancha")).body());
        assertThat(cadre.get("phone").asString()).isEqualTo("13812341234");
        assertThat(cadre.get("confidentialPhone").asString()).isEqualTo("withheld");
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detailContains);
    }

    HttpResponse<String> post(String path, String token, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
