package cn.township.infra.testing;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No Docker engine runs here, so docker-compose.yml is checked by reading it: every part is present with
 * the official image or the shared Dockerfile, a health check, ports, and start order by health.
 */
class ComposeFileTest {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void read() throws IOException {
        try (Reader reader = Files.newBufferedReader(TestInfrastructure.repositoryRoot().resolve("docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(reader);
            services = (Map<String, Map<String, Object>>) compose.get("services");
        }
    }

    @Test
    void infrastructureUsesTheOfficialImages() {
        assertThat(image("kafka")).startsWith("apache/kafka:");
        assertThat(image("mongodb")).startsWith("mongo:");
        assertThat(image("keycloak")).startsWith("quay.io/keycloak/keycloak:");
        assertThat(image("postgres")).startsWith("postgres:");
        assertThat(String.join(" ", command("mongodb"))).contains("--replSet");
    }

    @Test
    void everyServiceIsBuiltFromTheSharedDockerfileAndWired() {
        Map<String, String> modules = Map.of("intake", "services/intake", "dispatch", "services/dispatch",
                "mediation", "services/mediation", "village", "services/village", "gateway", "gateway");
        Map<String, String> ports = Map.of("intake", "8081", "dispatch", "8082", "mediation", "8083",
                "village", "8084", "gateway", "8080");
        modules.forEach((name, module) -> {
            Map<String, Object> service = services.get(name);
            assertThat(service).as(name).isNotNull();
            @SuppressWarnings("unchecked")
            Map<String, Object> build = (Map<String, Object>) service.get("build");
            assertThat(build.get("dockerfile") == null ? "Dockerfile" : build.get("dockerfile")).isEqualTo("Dockerfile");
            assertThat(build.get("args").toString()).contains(module);
            Map<String, String> env = environment(name);
            assertThat(env).containsEntry("SERVER_PORT", ports.get(name));
            assertThat(env.get("KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat(env.get("KEYCLOAK_ISSUER_URI")).isEqualTo("http://keycloak:8180/realms/township");
            if (!name.equals("gateway")) {
                assertThat(env.get("MONGODB_URI")).startsWith("mongodb://mongodb:27017/" + name);
            }
            assertThat(dependsOn(name)).containsKeys("kafka", "mongodb", "keycloak")
                    .allSatisfy((k, v) -> assertThat(v.toString()).contains("service_healthy"));
        });
        assertThat(environment("gateway")).containsEntry("INTAKE_URI", "http://intake:8081")
                .containsEntry("DISPATCH_URI", "http://dispatch:8082")
                .containsEntry("MEDIATION_URI", "http://mediation:8083")
                .containsEntry("VILLAGE_URI", "http://village:8084");
        assertThat(dependsOn("gateway")).containsKeys("intake", "dispatch", "mediation", "village");
        assertThat(Files.exists(TestInfrastructure.repositoryRoot().resolve("Dockerfile"))).isTrue();
    }

    @Test
    void everyContainerHasAHealthCheckAndTheEntryPointsArePublished() {
        services.forEach((name, service) -> assertThat(service).as(name).containsKey("healthcheck"));
        assertThat(services.get("gateway").get("ports").toString()).contains("8080:8080");
        assertThat(services.get("keycloak").get("ports").toString()).contains("8180:8180");
        assertThat(String.valueOf(services.get("keycloak").get("volumes"))).contains("infra/keycloak/realm");
    }

    private static String image(String name) {
        return String.valueOf(services.get(name).get("image"));
    }

    @SuppressWarnings("unchecked")
    private static List<String> command(String name) {
        Object command = services.get(name).get("command");
        return command instanceof List<?> list ? (List<String>) list : List.of(String.valueOf(command).split(" "));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> environment(String name) {
        Object env = services.get(name).get("environment");
        if (env instanceof Map<?, ?> map) {
            Map<String, String> out = new java.util.HashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), String.valueOf(v)));
            return out;
        }
        Map<String, String> out = new java.util.HashMap<>();
        for (String line : (List<String>) env) {
            int eq = line.indexOf('=');
            out.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> dependsOn(String name) {
        return (Map<String, Object>) services.get(name).get("depends_on");
    }
}
