package cn.township.security;

import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.demo.DemoApplication;
import cn.township.security.test.KeycloakTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A service whose Keycloak cannot be reached still starts, stays healthy, and answers 503, not 500. */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KeycloakDownIT {

    static final String ISSUER = TestInfrastructure.keycloakIssuer();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("township.security.issuer-uri", () -> ISSUER);
        registry.add("township.security.jwk-set-uri", () -> "http://127.0.0.1:" + port + "/certs");
    }

    @LocalServerPort
    int port;

    @Test
    void unreachableKeysGive503Problem() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);

        String token = new KeycloakTokens(ISSUER).user("secretary");
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/whoami"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(JsonMapper.shared().readTree(response.body()).get("detail").asString())
                .contains("identity provider");
    }
}
