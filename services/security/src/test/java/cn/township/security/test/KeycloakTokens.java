package cn.township.security.test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the realm {@code township} for tests: demo users through the public {@code township-cli}
 * client (password grant, all demo passwords are {@code demo}), the {@code hotline} system through client
 * credentials. Tokens are cached per user (they live 15 minutes).
 */
public final class KeycloakTokens {

    public static final String DEMO_PASSWORD = "demo";
    public static final String HOTLINE_SECRET = "hotline-demo-secret";

    private final String issuer;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    public KeycloakTokens(String issuer) {
        this.issuer = issuer;
    }

    /** An access token of a demo user (e.g. {@code cadre-nancha}). */
    public String user(String username) {
        return cache.computeIfAbsent("user:" + username, k -> fetch(Map.of("grant_type", "password",
                "client_id", "township-cli", "username", username, "password", DEMO_PASSWORD, "scope", "openid")));
    }

    /** An access token of the {@code hotline} client's service account. */
    public String hotline() {
        return cache.computeIfAbsent("hotline", k -> fetch(Map.of("grant_type", "client_credentials",
                "client_id", "hotline", "client_secret", HOTLINE_SECRET)));
    }

    /** A token of the realm's built-in {@code admin-cli} client: correctly signed, but not for {@code township-api}. */
    public String otherAudience(String username) {
        return fetch(Map.of("grant_type", "password", "client_id", "admin-cli", "username", username,
                "password", DEMO_PASSWORD));
    }

    /** The same token with one claim changed and the original signature kept (a forgery). */
    public static String tampered(String token, String claim, String value) {
        String[] parts = token.split("\\.");
        JsonMapper json = JsonMapper.shared();
        @SuppressWarnings("unchecked")
        Map<String, Object> payload = new LinkedHashMap<>(json.readValue(Base64.getUrlDecoder().decode(parts[1]), Map.class));
        payload.put(claim, value);
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(payload));
        return parts[0] + "." + forged + "." + parts[2];
    }

    /** A claim of a token, unverified (for assertions). */
    public static JsonNode claims(String token) {
        return JsonMapper.shared().readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
    }

    private String fetch(Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token (" + response.statusCode() + "): "
                        + response.body());
            }
            return JsonMapper.shared().readTree(response.body()).get("access_token").asString();
        } catch (IOException e) {
            throw new IllegalStateException("Keycloak at " + issuer + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
