package cn.township.village.it;

import cn.township.contracts.EventJson;
import cn.township.security.test.KeycloakTokens;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * HTTP calls to the running service as a demo user of the realm, with that user's real access token
 * ({@code Authorization: Bearer ...}); {@code null} as the caller sends no token at all.
 */
public final class Api {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;
    private final KeycloakTokens tokens;

    public Api(int port, KeycloakTokens tokens) {
        this.base = "http://127.0.0.1:" + port;
        this.tokens = tokens;
    }

    /** A demo user of the realm (password {@code demo}), or the hotline system's service account. */
    public record Who(String username) {
        String token(KeycloakTokens tokens) {
            return username.equals(HOTLINE.username) ? tokens.hotline() : tokens.user(username);
        }
    }

    public record Reply(int status, String contentType, JsonNode body, String raw) {
        public String rule() {
            return body.path("rule").asString();
        }
    }

    /** The villages of the realm's demo users. */
    public static final String NANCHA = "nancha";
    public static final String BEITUMEN = "beitumen";

    public static final Who HOTLINE = new Who("hotline");
    public static final Who SECRETARY = new Who("secretary");
    public static final Who DISPATCHER = new Who("dispatcher");
    public static final Who DEPARTMENT = new Who("dept-construction");
    public static final Who AGENCY = new Who("agency-police");
    public static final Who MEDIATOR = new Who("mediator");
    public static final Who ASSESSOR = new Who("assessor");
    public static final Who CADRE_NANCHA = new Who("cadre-nancha");
    public static final Who CADRE_BEITUMEN = new Who("cadre-beitumen");
    public static final Who GRID_NANCHA = new Who("grid-nancha");
    public static final Who ELDER_NANCHA_1 = new Who("elder-nancha-1");
    public static final Who ELDER_NANCHA_2 = new Who("elder-nancha-2");
    public static final Who ELDER_NANCHA_3 = new Who("elder-nancha-3");
    public static final Who ELDER_BEITUMEN = new Who("elder-beitumen-1");
    /** Household {@code nancha-0001}. */
    public static final Who VILLAGER_NANCHA = new Who("villager-nancha");
    /** Household {@code beitumen-0001}. */
    public static final Who VILLAGER_BEITUMEN = new Who("villager-beitumen");
    public static final String HOUSEHOLD_NANCHA = "nancha-0001";
    public static final String HOUSEHOLD_BEITUMEN = "beitumen-0001";

    /** One demo user per role of the realm (for the access matrix). */
    public static final Map<String, Who> BY_ROLE = Map.ofEntries(Map.entry("hotline", HOTLINE),
            Map.entry("secretary", SECRETARY), Map.entry("dispatcher", DISPATCHER), Map.entry("department", DEPARTMENT),
            Map.entry("agency", AGENCY), Map.entry("village-cadre", CADRE_NANCHA), Map.entry("grid-worker", GRID_NANCHA),
            Map.entry("mediator", MEDIATOR), Map.entry("elder", ELDER_NANCHA_1), Map.entry("villager", VILLAGER_NANCHA),
            Map.entry("assessor", ASSESSOR));

    public Reply get(Who who, String path) {
        return send(who, "GET", path, null, Map.of());
    }

    public Reply post(Who who, String path, String json) {
        return send(who, "POST", path, json, Map.of());
    }

    public Reply put(Who who, String path, String json) {
        return send(who, "PUT", path, json, Map.of());
    }

    public Reply send(Who who, String method, String path, String body, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (who != null) {
            b.header("Authorization", "Bearer " + who.token(tokens));
        }
        extra.forEach(b::header);
        if (body != null && !extra.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String raw = r.body();
            JsonNode node = raw == null || raw.isBlank() ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(raw);
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), node, raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
