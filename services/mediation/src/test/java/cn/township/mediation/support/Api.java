package cn.township.mediation.support;

import cn.township.contracts.EventJson;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A plain HTTP client for the running service, calling with a real access token of a demo user of the realm
 * {@code township} (password {@code demo}), or with none.
 */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Tokens live 15 minutes; a fresh set well before that, so a long test run never sends an expired one. */
    private static final Duration TOKEN_REUSE = Duration.ofMinutes(5);
    private static KeycloakTokens tokens;
    private static Instant tokensSince = Instant.MIN;

    private final String base;
    private final Map<String, String> headers;

    private Api(String base, Map<String, String> headers) {
        this.base = base;
        this.headers = headers;
    }

    /** Points the service under test at the realm (from each IT's {@code @DynamicPropertySource}). */
    public static void realm(DynamicPropertyRegistry registry) {
        registry.add("township.security.issuer-uri", TestInfrastructure::keycloakIssuer);
    }

    /** Without a token. */
    public static Api at(int port) {
        return new Api("http://127.0.0.1:" + port, Map.of());
    }

    /** As the demo user, e.g. {@code cadre-nancha}, {@code villager-nancha}, {@code agency-police}. */
    public Api as(String username) {
        return bearer(tokens().user(username));
    }

    /** As the hotline client's service account. */
    public Api hotline() {
        return bearer(tokens().hotline());
    }

    /** With this exact bearer token. */
    public Api bearer(String token) {
        return new Api(base, Map.of("Authorization", "Bearer " + token));
    }

    public Api mediator() {
        return as("mediator");
    }

    private static synchronized KeycloakTokens tokens() {
        if (tokens == null || Instant.now().isAfter(tokensSince.plus(TOKEN_REUSE))) {
            tokens = new KeycloakTokens(TestInfrastructure.keycloakIssuer());
            tokensSince = Instant.now();
        }
        return tokens;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method; a JSON body is sent with methods that take one. */
    public Response request(String method, String path, String json) {
        boolean body = !method.equals("GET") && !method.equals("DELETE");
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
        if (body) {
            builder.header("Content-Type", "application/json");
        }
        return send(builder);
    }

    public Response post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private Response send(HttpRequest.Builder builder) {
        headers.forEach(builder::header);
        try {
            HttpResponse<String> r = HTTP.send(builder.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A response: status, content type and body (parsed as JSON on demand). */
    public record Response(int status, String contentType, String body) {
        public JsonNode json() {
            return EventJson.mapper().readTree(body);
        }

        public String text(String field) {
            return json().path(field).asString();
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
