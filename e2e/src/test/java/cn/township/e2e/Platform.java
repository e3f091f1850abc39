package cn.township.e2e;

import cn.township.security.test.KeycloakTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The running platform as a client sees it: the gateway (the only address used), real tokens from the
 * launched Keycloak. Addresses come from {@code E2E_GATEWAY} and {@code KEYCLOAK_ISSUER_URI} (defaults: the
 * ports of {@code ./platform up}).
 */
final class Platform {

    static final String GATEWAY = env("E2E_GATEWAY", "http://127.0.0.1:8080");
    static final String ISSUER = env("KEYCLOAK_ISSUER_URI", "http://127.0.0.1:8180/realms/township");
    static final KeycloakTokens TOKENS = new KeycloakTokens(ISSUER);
    static final JsonMapper JSON = JsonMapper.shared();

    /** One demo user per realm role (the hotline role is the hotline client's service account). */
    static final Map<String, String> USER_OF_ROLE = Map.ofEntries(
            Map.entry("hotline", "service-account-hotline"), Map.entry("secretary", "secretary"),
            Map.entry("dispatcher", "dispatcher"), Map.entry("department", "dept-construction"),
            Map.entry("agency", "agency-police"), Map.entry("village-cadre", "cadre-nancha"),
            Map.entry("grid-worker", "grid-nancha"), Map.entry("mediator", "mediator"),
            Map.entry("elder", "elder-nancha-1"), Map.entry("villager", "villager-nancha"),
            Map.entry("assessor", "assessor"));

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private Platform() {
    }

    /** A token for a demo user, or the hotline service account. */
    static String token(String user) {
        return user.equals("service-account-hotline") ? TOKENS.hotline() : TOKENS.user(user);
    }

    /** An answer: status, body, and the body as JSON when it is JSON. */
    record Reply(int status, String body, String contentType) {
        JsonNode json() {
            return JSON.readTree(body);
        }

        boolean isProblem() {
            return contentType != null && contentType.startsWith("application/problem+json");
        }

        @Override
        public String toString() {
            return status + " " + (body.length() > 400 ? body.substring(0, 400) + "…" : body);
        }
    }

    static Reply get(String user, String path) {
        return send(user, "GET", path, null);
    }

    static Reply post(String user, String path, String json) {
        return send(user, "POST", path, json);
    }

    /**
     * One request through the gateway as {@code user} (null: no token). A 429 from the gateway's rate limit is
     * waited out as its {@code Retry-After} says and the request sent again: quotas are part of the platform,
     * not of what a test checks.
     */
    static Reply send(String user, String method, String path, String json) {
        return send(user, method, path, json, "application/json");
    }

    private static Reply send(String user, String method, String path, String body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(GATEWAY + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", "Bearer " + token(user));
        }
        for (int attempt = 0; ; attempt++) {
            HttpResponse<String> response;
            try {
                response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new AssertionError(method + " " + path + ": " + e, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            if (response.statusCode() == 429 && attempt < 20) {
                long seconds = response.headers().firstValueAsLong("Retry-After").orElse(1);
                LockSupport.parkNanos(Duration.ofSeconds(Math.max(1, seconds)).toNanos());
                continue;
            }
            return new Reply(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(null));
        }
    }

    /** A form-encoded POST without a token (Open311 clients authenticate with their api_key). */
    static Reply form(String path, String body) {
        return send(null, "POST", path, body, "application/x-www-form-urlencoded");
    }

    /** The platform's test clock: an ISO-8601 offset in this file moves every service's clock forward. */
    static final Path CLOCK_FILE = Path.of(env("PLATFORM_CLOCK_FILE", "../.run/clock-offset"));

    /** The offset the platform's clock runs ahead of real time. */
    static Duration clockOffset() {
        try {
            String text = Files.exists(CLOCK_FILE) ? Files.readString(CLOCK_FILE).strip() : "";
            return text.isEmpty() ? Duration.ZERO : Duration.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The platform's now (real time plus the test clock's offset). */
    static Instant now() {
        return Instant.now().plus(clockOffset());
    }

    /**
     * Moves the platform's clock forward (never back: data written at a later time stays consistent). The
     * services notice within 100 ms; callers await what should follow.
     */
    static void advanceClock(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("the platform's clock only moves forward: " + by);
        }
        try {
            Path tmp = CLOCK_FILE.resolveSibling(CLOCK_FILE.getFileName() + ".tmp");
            Files.writeString(tmp, clockOffset().plus(by).toString() + "\n");
            Files.move(tmp, CLOCK_FILE, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
