package cn.township.infra.testing;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The launched Keycloak imports the project's realm: demo users and the 12345 client get the tokens they need. */
class KeycloakRealmIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aVillageCadreGetsATokenScopedToTheirVillage() throws Exception {
        JsonNode claims = claims(token(Map.of("grant_type", "password", "client_id", "township-cli",
                "username", "cadre-nancha", "password", "demo")));
        assertThat(claims.path("preferred_username").asString()).isEqualTo("cadre-nancha");
        assertThat(claims.path("roles").toString()).contains("village-cadre");
        assertThat(claims.path("village").asString()).isEqualTo("nancha");
        assertThat(claims.path("aud").toString()).contains("township-api");
        assertThat(claims.path("iss").asString()).isEqualTo(TestInfrastructure.keycloakIssuer());
    }

    @Test
    void theCityHotlineUsesClientCredentials() throws Exception {
        JsonNode claims = claims(token(Map.of("grant_type", "client_credentials", "client_id", "hotline",
                "client_secret", "hotline-demo-secret")));
        assertThat(claims.path("roles").toString()).contains("hotline");
        assertThat(claims.path("azp").asString()).isEqualTo("hotline");
    }

    @Test
    void aWrongPasswordGetsNoToken() throws Exception {
        HttpResponse<String> response = post(Map.of("grant_type", "password", "client_id", "township-cli",
                "username", "secretary", "password", "wrong"));
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private String token(Map<String, String> form) throws Exception {
        HttpResponse<String> response = post(form);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body()).path("access_token").asString();
    }

    private HttpResponse<String> post(Map<String, String> form) throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(HttpRequest.newBuilder(URI.create(TestInfrastructure.keycloakIssuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode claims(String jwt) {
        return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
    }
}
