package cn.township.infra.testing;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator checks first: the service's health says UP, with Kafka and MongoDB UP inside it. */
public final class ServiceHealth {

    private ServiceHealth() {
    }

    public static void assertKafkaAndMongoUp(int port) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode health = JsonMapper.builder().build().readTree(response.body());
        assertThat(health.at("/components/kafka/status").asString()).isEqualTo("UP");
        assertThat(health.at("/components/mongo/status").asString()).isEqualTo("UP");
        assertThat(health.at("/status").asString()).isEqualTo("UP");
    }
}
