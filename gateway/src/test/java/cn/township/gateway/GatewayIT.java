package cn.township.gateway;

import cn.township.infra.testing.MutableClock;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.AfterAll;
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

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway in front of a stub backend, with real Keycloak tokens: relay of the token and correlation ids,
 * 401 for missing/forged/expired/foreign tokens, 413, 429 with Retry-After, a quick 503 for a service that is
 * down, 404 for no route, all as problem+json.
 */
@SpringBootTest(classes = {GatewayApplication.class, GatewayIT.Clocks.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GatewayIT {

    static final String ISSUER = TestInfrastructure.keycloakIssuer();
    static final KeycloakTokens TOKENS = new KeycloakTokens(ISSUER);
    static final StubBackend BACKEND = startBackend();
    static final int CLOSED_PORT = closedPort();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("KEYCLOAK_ISSUER_URI", () -> ISSUER);
        registry.add("INTAKE_URI", BACKEND::uri);
        registry.add("DISPATCH_URI", BACKEND::uri);
        registry.add("VILLAGE_URI", BACKEND::uri);
        registry.add("MEDIATION_URI", () -> "http://127.0.0.1:" + CLOSED_PORT);
        // small quotas so the test can reach them: 20 requests at once per user, 40 for the hotline client
        registry.add("township.gateway.rate-limit.user.per-second", () -> "0.5");
        registry.add("township.gateway.rate-limit.user.burst", () -> "20");
        registry.add("township.gateway.rate-limit.clients.hotline.per-second", () -> "0.5");
        registry.add("township.gateway.rate-limit.clients.hotline.burst", () -> "40");
    }

    @TestConfiguration
    static class Clocks {
        @Bean("townshipTokenClock")
        MutableClock tokenClock() {
            return MutableClock.ticking();
        }
    }

    @LocalServerPort
    int port;
    /** The clock the expiry check reads; a test moves it forward so a real token expires. */
    @Autowired
    MutableClock clock;

    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void resetClock() {
        clock.setOffset(Duration.ZERO);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Test
    void relaysTokenRequestIdAndTraceparent() throws Exception {
        String token = TOKENS.user("dispatcher");
        String requestId = "req-" + UUID.randomUUID();
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        HttpResponse<String> response = send(request("/api/dispatch/cases", token)
                .header("X-Request-Id", requestId)
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .header("X-User", "secretary").header("X-Roles", "secretary").GET());

        assertThat(response.statusCode()).isEqualTo(200);
        StubBackend.Seen seen = BACKEND.withRequestId(requestId).orElseThrow();
        assertThat(seen.path()).isEqualTo("/api/dispatch/cases");
        assertThat(seen.header("Authorization")).isEqualTo("Bearer " + token);
        String relayedTrace = seen.header("traceparent");
        assertThat(relayedTrace).matches("00-" + traceId + "-[0-9a-f]{16}-01").doesNotContain("00f067aa0ba902b7");
        assertThat(seen.header("X-User")).as("identity headers a client sends never reach a service").isNull();
        assertThat(seen.header("X-Roles")).isNull();
        assertThat(response.headers().firstValue("X-Request-Id")).hasValue(requestId);
        assertThat(response.headers().firstValue("traceparent")).hasValue(relayedTrace);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-cache, no-store, max-age=0, must-revalidate");
        assertThat(response.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    void generatesCorrelationIdsWhenMissing() throws Exception {
        HttpResponse<String> response = send(request("/api/village/points", TOKENS.user("villager-nancha")).GET());

        assertThat(response.statusCode()).isEqualTo(200);
        String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
        String traceparent = response.headers().firstValue("traceparent").orElseThrow();
        assertThat(traceparent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        StubBackend.Seen seen = BACKEND.withRequestId(requestId).orElseThrow();
        assertThat(seen.header("traceparent")).isEqualTo(traceparent);
    }

    @Test
    void missingOrBadTokensAre401Problems() throws Exception {
        HttpResponse<String> none = send(request("/api/intake/tickets", null).GET());
        assertProblem(none, 401, "bearer token");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(none.headers().firstValue("X-Content-Type-Options")).as("on errors too").hasValue("nosniff");

        String forged = KeycloakTokens.tampered(TOKENS.user("villager-nancha"), "roles", "secretary");
        assertProblem(send(request("/api/intake/tickets", forged).GET()), 401, "signature");

        String foreign = TOKENS.otherAudience("secretary");
        assertProblem(send(request("/api/intake/tickets", foreign).GET()), 401, "township-api");

        assertProblem(send(request("/api/intake/tickets", "garbage").GET()), 401, "rejected");
    }

    @Test
    void expiredTokenIs401Problem() throws Exception {
        String token = TOKENS.user("secretary");
        assertThat(send(request("/api/intake/tickets", token).GET()).statusCode()).isEqualTo(200);
        long lifetime = KeycloakTokens.claims(token).get("exp").asLong() - Instant.now().getEpochSecond();
        clock.setOffset(Duration.ofSeconds(lifetime).plusMinutes(1));
        assertProblem(send(request("/api/intake/tickets", token).GET()), 401, "expired");
    }

    @Test
    void healthAndOpen311DiscoveryArePublicOtherActuatorEndpointsAreNot() throws Exception {
        assertThat(send(request("/actuator/health", null).GET()).statusCode()).isEqualTo(200);
        HttpResponse<String> services = send(request("/open311/v2/services.json", null).GET());
        assertThat(services.statusCode()).isEqualTo(200);
        assertThat(BACKEND.last().orElseThrow().path()).isEqualTo("/open311/v2/services.json");

        String token = TOKENS.user("assessor");
        assertProblem(send(request("/actuator/gateway/routes", token).GET()), 404, "/actuator/gateway/routes");
        assertProblem(send(request("/actuator/env", token).GET()), 404, "/actuator/env");
        assertProblem(send(request("/actuator/env", null).GET()), 401, "bearer token");
    }

    /**
     * A client on one kept-alive connection may send its next request before the previous answer is complete (a
     * pipelining client does so on purpose, any client can by timing). Reactor Netty up to 1.3.7 then stopped reading
     * the connection after a queued request that was answered at once (reactor-netty#4361): the request after it got
     * no answer at all. This is how a GET in the rate-limit test once waited 30 s in CI.
     */
    @Test
    void aKeptAliveConnectionAnswersEveryRequestWhenTheNextArrivesBeforeTheAnswer() throws Exception {
        String token = TOKENS.user("dispatcher");
        String proxied = "GET /api/dispatch/cases HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer " + token + "\r\n\r\n";
        String refusedAtOnce = "GET /api/dispatch/cases HTTP/1.1\r\nHost: gateway\r\n\r\n";
        for (int round = 0; round < 5; round++) {
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                StringBuilder answers = new StringBuilder();
                out.write((proxied + refusedAtOnce).getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readAnswers(in, answers, 2);
                out.write(proxied.getBytes(StandardCharsets.US_ASCII));
                out.flush();
                readAnswers(in, answers, 3);
                assertThat(statusLines(answers)).as("round " + round)
                        .containsExactly("HTTP/1.1 200 OK", "HTTP/1.1 401 Unauthorized", "HTTP/1.1 200 OK");
            }
        }
    }

    /** A status line, wherever it starts (a body without a final line break runs into the next status line). */
    private static final Pattern STATUS_LINE = Pattern.compile("HTTP/1\\.1 \\d{3} [^\\r\\n]*");

    private static void readAnswers(InputStream in, StringBuilder answers, int wanted) throws IOException {
        byte[] buffer = new byte[8192];
        try {
            while (statusLines(answers).size() < wanted) {
                int read = in.read(buffer);
                if (read < 0) {
                    return;
                }
                answers.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            }
        } catch (SocketTimeoutException e) {
            // fewer answers than requests: the assertion names which are missing
        }
    }

    private static List<String> statusLines(CharSequence answers) {
        return STATUS_LINE.matcher(answers).results().map(MatchResult::group).toList();
    }

    @Test
    void unknownPathIs404Problem() throws Exception {
        assertProblem(send(request("/api/nowhere/x", TOKENS.user("mediator")).GET()), 404, "/api/nowhere/x");
    }

    @Test
    void oversizedBodiesAre413Problems() throws Exception {
        String token = TOKENS.user("grid-nancha");
        byte[] small = new byte[60 * 1024];
        byte[] large = new byte[70 * 1024];
        assertThat(send(request("/api/intake/tickets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(small))).statusCode()).isEqualTo(200);
        assertThat(BACKEND.last().orElseThrow().bodyBytes()).isEqualTo(small.length);

        assertProblem(send(request("/api/intake/tickets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large))), 413, "64 KiB");
        // the same body without Content-Length (chunked) is cut off too
        assertProblem(send(request("/api/intake/tickets", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(large)))), 413, "64 KiB");
        // other services keep the larger default limit
        assertThat(send(request("/api/village/proposals", token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(large))).statusCode()).isEqualTo(200);
    }

    @Test
    void rateLimitPerUserGives429WithRetryAfterAndHotlineHasItsOwnLargerQuota() throws Exception {
        String elder = TOKENS.user("elder-beitumen-1");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> limited = null;
        for (int i = 0; i < 30; i++) {
            HttpResponse<String> response = send(request("/api/village/reviews", elder).GET());
            statuses.add(response.statusCode());
            if (response.statusCode() == 429 && limited == null) {
                limited = response;
            }
        }
        assertThat(statuses.subList(0, 20)).containsOnly(200);
        assertThat(limited).isNotNull();
        assertProblem(limited, 429, "user:elder-beitumen-1");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 2L);

        // another user is not affected, and the hotline system gets its own 40-request bucket
        assertThat(send(request("/api/village/reviews", TOKENS.user("elder-nancha-2")).GET()).statusCode()).isEqualTo(200);
        String hotline = TOKENS.hotline();
        for (int i = 0; i < 30; i++) {
            assertThat(send(request("/api/intake/tickets", hotline).GET()).statusCode()).as("hotline request " + i)
                    .isEqualTo(200);
        }
    }

    @Test
    void serviceThatIsDownGives503ProblemQuickly() throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = send(request("/api/mediation/sessions", TOKENS.user("mediator")).GET());
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertProblem(response, 503, "mediation service is not reachable");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    private void assertProblem(HttpResponse<String> response, int status, String detailContains) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JsonMapper.shared().readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asString()).contains(detailContains);
        assertThat(problem.get("requestId").asString()).isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
    }

    @Test
    void servesOneSwaggerUiOverEveryServicesOpenApiDocument() throws Exception {
        HttpResponse<String> document = send(request("/openapi/intake", null).GET());
        assertThat(document.statusCode()).as("a service's document is public").isEqualTo(200);
        assertThat(BACKEND.last().orElseThrow().path()).isEqualTo("/v3/api-docs");

        HttpResponse<String> config = send(request("/v3/api-docs/swagger-config", null).GET());
        assertThat(config.statusCode()).isEqualTo(200);
        JsonNode urls = JsonMapper.shared().readTree(config.body()).path("urls");
        List<String> listed = new ArrayList<>();
        urls.forEach(url -> listed.add(url.path("name").asString() + "=" + url.path("url").asString()));
        assertThat(listed).containsExactlyInAnyOrder("intake=/openapi/intake", "dispatch=/openapi/dispatch",
                "mediation=/openapi/mediation", "village=/openapi/village");

        HttpResponse<String> ui = send(request("/webjars/swagger-ui/index.html", null).GET());
        assertThat(ui.statusCode()).isEqualTo(200);
        assertThat(ui.body()).contains("swagger-ui");

        HttpResponse<String> actuator = send(request("/actuator/env", TOKENS.user("secretary")).GET());
        assertThat(actuator.statusCode()).as("only health is exposed from actuator").isIn(403, 404);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        HttpRequest built = request.build();
        try {
            return http.send(built, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw new AssertionError("no answer in 30 s to " + built.method() + " " + built.uri() + " "
                    + built.headers().map().keySet(), e);
        }
    }

    private static StubBackend startBackend() {
        return new StubBackend(true);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
