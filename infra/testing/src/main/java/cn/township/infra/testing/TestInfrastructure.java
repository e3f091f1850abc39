package cn.township.infra.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.testcontainers.utility.MountableFile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Real Kafka, a MongoDB-wire server and Keycloak for tests, started once per test JVM: Testcontainers with
 * the official images when a Docker engine answers, otherwise the project's own local launchers (a KRaft
 * broker and mongo-java-server as child JVMs, the Keycloak distribution via infra/keycloak/keycloak.sh).
 * The same tests run against either.
 */
public final class TestInfrastructure {

    private static final boolean DOCKER = dockerAvailable();
    private static String kafka;
    private static String mongo;
    private static String keycloak;
    private static RuntimeException keycloakFailure;

    private TestInfrastructure() {
    }

    public static boolean docker() {
        return DOCKER;
    }

    /** Kafka bootstrap servers, e.g. {@code 127.0.0.1:41234}. */
    public static synchronized String kafkaBootstrapServers() {
        if (kafka == null) {
            kafka = DOCKER ? startKafkaContainer() : startLocalKafka();
            awaitKafka(kafka);
        }
        return kafka;
    }

    /** A MongoDB connection string for the given database. */
    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            mongo = DOCKER ? startMongoContainer() : startLocalMongo();
        }
        return mongo.replace("/?", "/" + database + "?");
    }

    /**
     * The issuer URI of the imported {@code township} realm, e.g. {@code http://127.0.0.1:8180/realms/township}.
     * A Keycloak already running with the project's realm can be shared by all test JVMs through the
     * environment variable {@code TOWNSHIP_TEST_KEYCLOAK_ISSUER} (CI starts one while the build compiles).
     */
    public static synchronized String keycloakIssuer() {
        if (keycloakFailure != null) {
            throw keycloakFailure; // tried once in this JVM already; do not wait for it again
        }
        if (keycloak == null) {
            try {
                String shared = System.getenv("TOWNSHIP_TEST_KEYCLOAK_ISSUER");
                keycloak = shared != null && !shared.isBlank() ? awaitRealm(shared)
                        : (DOCKER ? startKeycloakContainer() : startLocalKeycloak()) + "/realms/township";
            } catch (RuntimeException e) {
                keycloakFailure = e;
                throw e;
            }
        }
        return keycloak;
    }

    private static boolean dockerAvailable() {
        if (Boolean.getBoolean("township.test.local")) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | Error e) {
            return false;
        }
    }

    // ---- local launchers

    private static String startLocalKafka() {
        int port = LocalProcess.freePort();
        int controller = LocalProcess.freePort();
        Path data = tempDir("kafka");
        Process p = LocalProcess.startJava("kafka", List.of("-Xmx384m", "-XX:+UseSerialGC"),
                "cn.township.infra.launcher.LocalKafka",
                List.of("--port", "" + port, "--controller-port", "" + controller, "--data", data.toString()));
        LocalProcess.awaitPort("kafka", p, port, Duration.ofSeconds(90));
        return "127.0.0.1:" + port;
    }

    private static String startLocalMongo() {
        int port = LocalProcess.freePort();
        // benchmarks that store 100,000 documents need more than the tests do, and a collector without
        // stop-the-world pauses of seconds once that much is live (e.g. -Dtownship.test.mongo-gc=UseG1GC)
        String heap = System.getProperty("township.test.mongo-heap", "512m");
        String gc = System.getProperty("township.test.mongo-gc", "UseSerialGC");
        // more collector settings for a benchmark, e.g. -Dtownship.test.mongo-options="-XX:MaxGCPauseMillis=20"
        List<String> jvm = new java.util.ArrayList<>(List.of("-Xmx" + heap, "-XX:+" + gc));
        for (String option : System.getProperty("township.test.mongo-options", "").trim().split("\\s+")) {
            if (!option.isEmpty()) {
                jvm.add(option);
            }
        }
        // -Dtownship.test.mongo-storage=memory-store: the platform's on-disk backend over a store without a file
        // (secondary indexes; a query does not hold up the collection's writes); default: the library's in-memory one
        String storage = System.getProperty("township.test.mongo-storage", "memory");
        if (!storage.equals("memory") && !storage.equals("memory-store")) {
            throw new IllegalArgumentException("township.test.mongo-storage: memory or memory-store, not " + storage);
        }
        Process p = LocalProcess.startJava("mongo", jvm,
                "cn.township.infra.launcher.LocalMongo", List.of("--port", "" + port, "--" + storage));
        LocalProcess.awaitPort("mongo", p, port, Duration.ofSeconds(60));
        return "mongodb://127.0.0.1:" + port + "/?serverSelectionTimeoutMS=10000";
    }

    private static String startLocalKeycloak() {
        Path script = repositoryRoot().resolve("infra/keycloak/keycloak.sh");
        int port = LocalProcess.freePort();
        int management = LocalProcess.freePort();
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "start").inheritIO();
        Map<String, String> env = builder.environment();
        env.put("KEYCLOAK_PORT", "" + port);
        env.put("KEYCLOAK_MANAGEMENT_PORT", "" + management);
        Path data = tempDir("keycloak");
        env.put("KEYCLOAK_DATA", data.toString());
        env.putIfAbsent("KEYCLOAK_START_TIMEOUT", "480");
        try {
            Process start = builder.start();
            if (!start.waitFor(600, TimeUnit.SECONDS) || start.exitValue() != 0) {
                throw new IllegalStateException("Keycloak did not start; see " + data.resolve("keycloak.log"));
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopLocalKeycloak(script, data), "stop-keycloak"));
        return "http://127.0.0.1:" + port;
    }

    private static void stopLocalKeycloak(Path script, Path data) {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString(), "stop");
        builder.environment().put("KEYCLOAK_DATA", data.toString());
        try {
            builder.start().waitFor(60, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the JVM is going away; nothing more to do
        }
    }

    // ---- containers (official images)

    private static String startKafkaContainer() {
        KafkaContainer container = new KafkaContainer("apache/kafka:4.1.1");
        container.start();
        return container.getBootstrapServers();
    }

    private static String startMongoContainer() {
        MongoDBContainer container = new MongoDBContainer("mongo:8.0");
        container.start();
        return container.getReplicaSetUrl("x").replace("/x", "/?");
    }

    @SuppressWarnings("resource")
    private static String startKeycloakContainer() {
        Path realm = repositoryRoot().resolve("infra/keycloak/realm");
        GenericContainer<?> container = new GenericContainer<>("quay.io/keycloak/keycloak:26.5.6")
                .withCopyFileToContainer(MountableFile.forHostPath(realm), "/opt/keycloak/data/import")
                .withEnv("KC_BOOTSTRAP_ADMIN_USERNAME", "admin").withEnv("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin")
                .withCommand("start-dev", "--import-realm", "--http-port=8180")
                .withExposedPorts(8180)
                .waitingFor(Wait.forHttp("/realms/township/.well-known/openid-configuration").forPort(8180)
                        .withStartupTimeout(Duration.ofMinutes(5)));
        container.start();
        return "http://" + container.getHost() + ":" + container.getMappedPort(8180);
    }

    // ---- helpers

    /** Waits (up to ten minutes) until a shared Keycloak, possibly still booting, serves the realm. */
    private static String awaitRealm(String issuer) {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI discovery = java.net.URI.create(issuer + "/.well-known/openid-configuration");
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var response = http.send(java.net.http.HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(3)).build(),
                        java.net.http.HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return issuer;
                }
            } catch (java.io.IOException notYet) {
                // still booting
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            LocalProcess.sleep(1000);
        }
        throw new IllegalStateException("the shared Keycloak at " + issuer + " did not serve the realm in 10 minutes");
    }

    private static void awaitKafka(String bootstrap) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.describeCluster().nodes().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka at " + bootstrap + " did not answer", e);
        }
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("infra/keycloak/realm"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root (infra/keycloak/realm) above "
                    + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static Path tempDir(String name) {
        try {
            return Files.createTempDirectory("township-" + name + "-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
