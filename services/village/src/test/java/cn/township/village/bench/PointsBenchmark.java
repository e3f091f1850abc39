package cn.township.village.bench;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.infra.testing.BenchProcesses;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.security.test.KeycloakTokens;
import cn.township.village.VillageApplication;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Civility-points benchmark on this machine, against a real Kafka broker and the MongoDB-wire server:
 * <ol>
 * <li>publishes N AgreementReached events (2 parties + 2 team members with households each, so 4 awards per
 * event) to {@code mediation.sessions.v1}, then starts the village service and times how fast it applies
 * the awards from the events (ledger entries written per second);</li>
 * <li>with those entries in place (N x 4, e.g. 100,000), times balance and leaderboard reads over HTTP, as the
 * realm's demo user {@code cadre-nancha} with a real access token (Keycloak from {@code TOWNSHIP_TEST_KEYCLOAK_ISSUER},
 * else started by the test support).</li>
 * </ol>
 * Run: {@code mvn -q -B -pl services/village -am -Pbench verify -DskipTests [-Dbench.args=--events=25000]}.
 * With {@code --jfr-dir=DIR} among the arguments, the measured batch is also flight-recorded in each process
 * (service.jfr, mongodb.jfr, kafka.jfr in DIR).
 */
public final class PointsBenchmark {

    /** The village of the demo cadre whose token the reads carry. */
    private static final String VILLAGE = "nancha";
    private static final String CADRE = "cadre-nancha";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        int events = Integer.parseInt(options.getOrDefault("events", "25000"));
        int households = Integer.parseInt(options.getOrDefault("households", "2000"));
        int reads = Integer.parseInt(options.getOrDefault("reads", "2000"));
        int warmupSeconds = Integer.parseInt(options.getOrDefault("read-warmup-seconds", "45"));

        String kafka = TestInfrastructure.kafkaBootstrapServers();
        String issuer = TestInfrastructure.keycloakIssuer();
        String mongo = TestInfrastructure.mongoUri("village-bench-" + UUID.randomUUID().toString().substring(0, 8));
        System.out.printf("[bench] kafka %s, mongo %s, %d events x 4 awards over %d households%n", kafka, mongo,
                events, households);

        int warmupEvents = Integer.parseInt(options.getOrDefault("warmup-events", "5000"));
        createTopic(kafka);
        long produced = publish(kafka, 0, warmupEvents, households);
        System.out.printf("[bench] published %d warm-up AgreementReached events in %d ms%n", warmupEvents, produced);

        long startedAt = System.nanoTime();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(VillageApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo, "--server.port=0",
                "--township.security.issuer-uri=" + issuer,
                "--township.village.sweep-interval=PT1H", "--logging.level.root=WARN");
        System.out.printf("[bench] service started in %d ms%n", (System.nanoTime() - startedAt) / 1_000_000);
        try {
            MongoDatabase db = app.getBean(MongoDatabase.class);
            // warm-up: the just-started service applies the first events while its JVM is still compiling
            long warmupStarted = System.nanoTime();
            awaitLedger(db, warmupEvents * 4L);
            System.out.printf("[bench] warm-up: %d awards applied in %.1f s (includes the JVM's compilation)%n",
                    warmupEvents * 4L, (System.nanoTime() - warmupStarted) / 1e9);

            // the measured batch waits in Kafka while the listeners are paused, then is applied at full speed
            var containers = app.getBean(org.springframework.kafka.config.KafkaListenerEndpointRegistry.class)
                    .getListenerContainers();
            containers.forEach(org.springframework.kafka.listener.MessageListenerContainer::pause);
            long pauseDeadline = System.nanoTime() + 30_000_000_000L;
            while (!containers.stream().allMatch(org.springframework.kafka.listener.MessageListenerContainer::isContainerPaused)
                    && System.nanoTime() < pauseDeadline) {
                Thread.sleep(50); // a benchmark main waiting for the consumers to pause, not a test
            }
            produced = publish(kafka, warmupEvents, events, households);
            System.out.printf("[bench] published %d AgreementReached events in %d ms (listeners paused)%n", events,
                    produced);
            long expected = (warmupEvents + (long) events) * 4L;
            String jfrDir = options.get("jfr-dir");
            if (jfrDir != null) {
                BenchProcesses.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfrDir);
            }
            Map<String, Long> cpuBefore = BenchProcesses.cpu();
            long resumed = System.nanoTime();
            containers.forEach(org.springframework.kafka.listener.MessageListenerContainer::resume);
            long count = awaitLedger(db, expected);
            double seconds = (System.nanoTime() - resumed) / 1e9;
            Map<String, Long> cpuUsed = BenchProcesses.cpuSince(cpuBefore);
            double cpuSeconds = BenchProcesses.totalSeconds(cpuUsed);
            if (jfrDir != null) {
                BenchProcesses.jcmd("JFR.stop", "name=bench");
                System.out.println("[bench] flight recordings of the measured batch (service, MongoDB, Kafka) in " + jfrDir);
            }
            long applied = events * 4L;
            System.out.printf("[bench] applied %d awards from events in %.1f s: %.0f awards/s (wall clock from resume,"
                    + " load average %.1f on %d cores)%n", applied, seconds, applied / seconds,
                    java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                    Runtime.getRuntime().availableProcessors());
            System.out.printf("[bench] CPU used by service + MongoDB + Kafka meanwhile: %.1f s = %.2f ms per award;"
                    + " capacity on 2 otherwise idle cores ~ %.0f awards/s%n", cpuSeconds, cpuSeconds * 1000 / applied,
                    2 * applied / cpuSeconds);
            System.out.printf("[bench] CPU per award by process: %s%n", BenchProcesses.perUnit(cpuUsed, applied));
            long accounts = db.getCollection("accounts").countDocuments();
            int sum = 0;
            for (var d : db.getCollection("accounts").find()) {
                sum += d.getInteger("balance");
            }
            System.out.printf("[bench] %d accounts, balances sum to %d (expected %d)%n", accounts, sum, count * 5);

            long ledgerTarget = Long.parseLong(options.getOrDefault("ledger", "100000"));
            if (count < ledgerTarget) {
                long t = System.nanoTime();
                seed(db, ledgerTarget - count, households);
                System.out.printf("[bench] seeded %d more ledger entries directly (for the read figures) in %d ms%n",
                        ledgerTarget - count, (System.nanoTime() - t) / 1_000_000);
            }
            System.out.printf("[bench] reads with %d ledger entries in %d accounts%n",
                    db.getCollection("ledger").countDocuments(), db.getCollection("accounts").countDocuments());

            int port = ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            List<String> withAccounts = db.getCollection("accounts").find(new org.bson.Document("village", VILLAGE))
                    .projection(new org.bson.Document("household", 1)).map(d -> d.getString("household"))
                    .into(new ArrayList<>());
            // steady state, as a service that has been up for a while answers: both reads for warm-up seconds first
            // (the just-started JVM is still compiling the request path; its first thousands of calls are slower)
            String warmToken = new KeycloakTokens(issuer).user(CADRE);
            long warmUntil = System.nanoTime() + warmupSeconds * 1_000_000_000L;
            int warmCalls = 0;
            while (System.nanoTime() < warmUntil) {
                call(http, port, warmToken, "/api/village/points/accounts/"
                        + withAccounts.get(ThreadLocalRandom.current().nextInt(withAccounts.size())));
                call(http, port, warmToken, "/api/village/points/leaderboard?limit=20");
                warmCalls += 2;
            }
            System.out.printf("[bench] read warm-up: %d calls in %d s%n", warmCalls, warmupSeconds);
            // a fresh token per timed phase: a token lives 15 minutes, a phase on a loaded machine may take minutes
            time(http, port, new KeycloakTokens(issuer).user(CADRE), "balance", reads,
                    () -> "/api/village/points/accounts/" + withAccounts.get(ThreadLocalRandom.current().nextInt(withAccounts.size())));
            time(http, port, new KeycloakTokens(issuer).user(CADRE), "leaderboard(top 20, snapshot <= 1 s old)", reads,
                    () -> "/api/village/points/leaderboard?limit=20");
            var queries = app.getBean(cn.township.village.points.PointsQueries.class);
            long[] micros = new long[Math.min(reads, 300)];
            for (int i = 0; i < micros.length; i++) {
                long t = System.nanoTime();
                queries.leaderboard(VILLAGE, 20);
                micros[i] = (System.nanoTime() - t) / 1_000;
            }
            Arrays.sort(micros);
            System.out.printf("[bench] leaderboard query itself (uncached, in process), %d calls: p50 %.2f ms, p99 %.2f ms%n",
                    micros.length, micros[micros.length / 2] / 1000.0, micros[(int) (micros.length * 0.99)] / 1000.0);
            for (boolean virtual : new boolean[] {false, true}) { // requests run on virtual threads
                long[] balanceMicros = new long[reads];
                Runnable timed = () -> {
                    for (int i = 0; i < balanceMicros.length; i++) {
                        String household = withAccounts.get(ThreadLocalRandom.current().nextInt(withAccounts.size()));
                        long t = System.nanoTime();
                        queries.findBalance(VILLAGE, household);
                        balanceMicros[i] = (System.nanoTime() - t) / 1_000;
                    }
                };
                (virtual ? Thread.ofVirtual() : Thread.ofPlatform()).start(timed).join();
                Arrays.sort(balanceMicros);
                System.out.printf("[bench] balance query itself (in process, %s thread), %d calls: p50 %.2f ms, p99 %.2f ms%n",
                        virtual ? "virtual" : "platform", reads, balanceMicros[reads / 2] / 1000.0,
                        balanceMicros[(int) (reads * 0.99)] / 1000.0);
            }
        } finally {
            app.close();
            System.exit(0);
        }
    }

    /**
     * Adds ledger entries and their accounts straight into the database (households s-0..), consistent with
     * each other (running balances, seq), so the reads can be timed with the target ledger size without
     * waiting for the award path to write them all on a loaded machine.
     */
    private static void seed(MongoDatabase db, long entries, int households) {
        int perHousehold = (int) Math.max(1, entries / households);
        List<org.bson.Document> batch = new ArrayList<>();
        Instant now = Instant.now();
        long written = 0;
        for (int h = 0; h < households && written < entries; h++) {
            String household = "s-" + h;
            String account = VILLAGE + "/" + household;
            int balance = 0;
            int n = (int) Math.min(perHousehold + (h < entries % households ? 1 : 0), entries - written);
            for (int k = 1; k <= n; k++) {
                int points = 1 + (h + k) % 10;
                balance += points;
                batch.add(new org.bson.Document("_id", UUID.randomUUID().toString()).append("account", account)
                        .append("village", VILLAGE).append("household", household).append("seq", (long) k)
                        .append("kind", "AWARD").append("points", points).append("delta", points)
                        .append("code", "VOLUNTEER").append("reason", "seeded").append("by", "bench")
                        .append("balance", balance).append("at", java.util.Date.from(now))
                        .append("month", java.time.YearMonth.now().toString()));
                if (batch.size() == 1000) {
                    db.getCollection("ledger").insertMany(batch);
                    batch.clear();
                }
            }
            written += n;
            db.getCollection("accounts").insertOne(new org.bson.Document("_id", account).append("village", VILLAGE)
                    .append("household", household).append("balance", balance).append("awarded", balance)
                    .append("deducted", 0).append("redeemed", 0).append("seq", (long) n).append("applied", List.of())
                    .append("journal", List.of()).append("version", 1L).append("outbox", List.of()));
        }
        if (!batch.isEmpty()) {
            db.getCollection("ledger").insertMany(batch);
        }
    }

    /** Counts the ledger until it holds {@code expected} entries; returns the count. */
    private static long awaitLedger(MongoDatabase db, long expected) throws InterruptedException {
        long count = 0;
        while (count < expected) {
            // the collection's size from its metadata: countDocuments() would make the server walk every entry
            // ten times a second, load that is not the service's
            count = db.getCollection("ledger").estimatedDocumentCount();
            if (count < expected) {
                Thread.sleep(100); // a benchmark main polling its progress, not a test
            }
        }
        return count;
    }

    private static void createTopic(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic("mediation.sessions.v1", 3, (short) 1))).all().get();
        }
    }

    /** Publishes events numbered {@code from} .. {@code from + events - 1} (distinct cases and files). */
    private static long publish(String kafka, int from, int events, int households) throws Exception {
        long t0 = System.nanoTime();
        String ceType = EventCatalog.of(AgreementReached.class).ceType();
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 262_144), new StringSerializer(), new ByteArraySerializer())) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = from; i < from + events; i++) {
                String caseId = "case-" + i;
                int base = random.nextInt(households);
                List<String> h = new ArrayList<>();
                for (int k = 0; k < 4; k++) {
                    h.add("h-" + (base + k * (households / 4)) % households);
                }
                AgreementReached e = new AgreementReached("file-" + i, caseId, VILLAGE, List.of("terms"),
                        List.of(new Party(PartyRole.COMPLAINANT, "a", null, h.get(0)),
                                new Party(PartyRole.RESPONDENT, "b", null, h.get(1))),
                        List.of(new Participant("m-" + i, "c", List.of("elder"), h.get(2)),
                                new Participant("n-" + i, "d", List.of("legal-adviser"), h.get(3))),
                        1, Instant.now());
                RecordHeaders headers = new RecordHeaders();
                headers.add(CloudEventHeaders.ID, UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
                headers.add(CloudEventHeaders.TYPE, ceType.getBytes(StandardCharsets.UTF_8));
                headers.add(CloudEventHeaders.SOURCE, "/township/bench".getBytes(StandardCharsets.UTF_8));
                headers.add(CloudEventHeaders.SUBJECT, caseId.getBytes(StandardCharsets.UTF_8));
                producer.send(new ProducerRecord<>("mediation.sessions.v1", null, caseId, EventJson.write(e), headers));
            }
            producer.flush();
        }
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static void time(HttpClient http, int port, String token, String what, int n,
                             java.util.function.Supplier<String> path) throws Exception {
        for (int i = 0; i < 300; i++) { // warm-up
            call(http, port, token, path.get());
        }
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call(http, port, token, path.get());
            micros[i] = (System.nanoTime() - t) / 1_000;
        }
        Arrays.sort(micros);
        System.out.printf("[bench] %s over HTTP, %d calls: p50 %.2f ms, p95 %.2f ms, p99 %.2f ms, max %.2f ms%n", what,
                n, micros[n / 2] / 1000.0, micros[(int) (n * 0.95)] / 1000.0, micros[(int) (n * 0.99)] / 1000.0,
                micros[n - 1] / 1000.0);
    }

    private static void call(HttpClient http, int port, String token, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + r.body());
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new java.util.HashMap<>();
        for (String a : String.join(" ", args).trim().split("\\s+")) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            }
        }
        return options;
    }
}
