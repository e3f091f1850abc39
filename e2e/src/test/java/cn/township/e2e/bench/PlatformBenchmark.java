package cn.township.e2e.bench;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.Topics;
import cn.township.security.test.KeycloakTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole platform under load, against {@code ./platform up}: realistic 12345 tickets pushed through the gateway
 * with a hotline token; accepted pushes/s, push latency, push → CaseOpened latency (read from the dispatch topic),
 * CPU and RSS of every process of the platform; then, on the same machine, the raw floor (Kafka produce+consume of
 * as many messages of the same size, inserts of as many documents into the same MongoDB server) and the ratio.
 *
 * <pre>
 * ./platform bench [--seconds 60] [--clients 64] [--latency-rate 200] [--latency-seconds 30] [--floor 20000]
 *                  [--warmup-seconds 30]   (flat out first, not measured)
 * </pre>
 */
public final class PlatformBenchmark {

    static final String[] CATEGORIES = {"roads", "street-lights", "drainage", "sanitation", "noise", "heating",
            "construction-dispute", "neighbour-dispute", "elderly-care", "public-order"};
    static final String[] PLACES = {"平谷区熊儿寨乡南岔村东街", "平谷区熊儿寨乡北土门村西街", "平谷区熊儿寨乡南岔村村委会旁",
            "平谷区熊儿寨乡北土门村南口"};

    final String gateway = env("E2E_GATEWAY", "http://127.0.0.1:8080");
    final String issuer = env("KEYCLOAK_ISSUER_URI", "http://127.0.0.1:8180/realms/township");
    final String kafka = env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    final String mongo = env("MONGODB_URI", "mongodb://127.0.0.1:27017");
    final Path pids = Path.of(env("PLATFORM_RUN", ".run")).resolve("pids");
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    final KeycloakTokens tokens = new KeycloakTokens(issuer);
    /**
     * Accepted pushes waiting for their CaseOpened (by case id: when the push was sent), and CaseOpened read before
     * the push's response came back (under load the 201 can take longer through the gateway than the ticket takes
     * through intake, Kafka and dispatch: such events used to be dropped and reported as tickets without a case).
     */
    final Map<String, Long> pushedAt = new ConcurrentHashMap<>();
    final Map<String, Long> openedEarly = new ConcurrentHashMap<>();
    final ConcurrentLinkedQueue<Long> openedLatencies = new ConcurrentLinkedQueue<>();
    final AtomicLong opened = new AtomicLong();
    volatile boolean consuming = true;
    int sampleBytes;

    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        new PlatformBenchmark().run(Integer.parseInt(o.getOrDefault("seconds", "60")),
                Integer.parseInt(o.getOrDefault("clients", "64")),
                Integer.parseInt(o.getOrDefault("latency-rate", "200")),
                Integer.parseInt(o.getOrDefault("latency-seconds", "30")),
                Integer.parseInt(o.getOrDefault("floor", "20000")),
                Integer.parseInt(o.getOrDefault("warmup-seconds", "30")));
        System.exit(0);
    }

    void run(int seconds, int clients, int latencyRate, int latencySeconds, int floorCount, int warmupSeconds)
            throws Exception {
        String backend = System.getenv("MONGODB_URI") != null ? "the MongoDB at MONGODB_URI"
                : "memory".equals(System.getenv("MONGO_STORAGE")) ? "the embedded MongoDB-wire server in memory"
                : "the embedded MongoDB-wire server on disk (H2), as ./platform up runs it";
        System.out.printf("PLATFORM gateway=%s kafka=%s mongo=%s (backend: %s)%n", gateway, kafka, mongo, backend);
        Thread consumer = Thread.ofPlatform().daemon().start(this::consumeCaseOpened);
        String token = tokens.hotline();
        warmUp(token);
        if (warmupSeconds > 0) {
            // flat out, not measured: every JVM (this one too) compiles its hot code first, which on two cores
            // otherwise lands in the measured window of a platform just started
            Phase warm = push(token, warmupSeconds, clients, 0);
            awaitCases(Duration.ofSeconds(120));
            System.out.printf("WARMUP %d accepted in %d s (%.0f/s), not measured%n", warm.accepted, warmupSeconds,
                    warm.accepted / (double) warmupSeconds);
            opened.set(0);
            openedLatencies.clear();
        }

        // 1. flat out
        Map<String, long[]> cpuBefore = cpuTicks();
        Phase flat = push(token, seconds, clients, 0);
        long openedAtEnd = opened.get();
        double drained = awaitCases(Duration.ofSeconds(120));
        Map<String, long[]> cpuAfter = cpuTicks();
        System.out.printf("THROUGHPUT pushes accepted %d in %d s = %.0f/s (rejected %d, 429 %d, errors %d); push p50 %.1f ms p99 %.1f ms%n",
                flat.accepted, seconds, flat.accepted / (double) seconds, flat.rejected, flat.limited, flat.errors,
                pct(flat.latencies, 50), pct(flat.latencies, 99));
        System.out.printf("THROUGHPUT CaseOpened within the window %d (%.0f/s); %d in all%n",
                openedAtEnd, openedAtEnd / (double) seconds, opened.get());
        printResources(cpuBefore, cpuAfter, seconds + drained);

        // 2. fixed rate: latency
        openedLatencies.clear();
        Phase steady = push(token, latencySeconds, Math.max(clients, latencyRate), latencyRate);
        awaitCases(Duration.ofSeconds(120));
        List<Long> e2e = new ArrayList<>(openedLatencies);
        System.out.printf("LATENCY at %d/s for %d s: push p50 %.1f ms p99 %.1f ms; push -> CaseOpened p50 %.1f ms p99 %.1f ms (%d measured)%n",
                latencyRate, latencySeconds, pct(steady.latencies, 50), pct(steady.latencies, 99),
                pct(e2e, 50), pct(e2e, 99), e2e.size());
        consuming = false;
        consumer.join(5_000);

        // 3. the raw floor on the same machine and servers
        // each floor twice, the first time unmeasured: a first round runs partly in the interpreter (this JVM's and
        // the servers' code paths it exercises) and measured a floor as low as a third of the second's
        rawKafka(floorCount / 2, sampleBytes);
        double kafkaRate = rawKafka(floorCount, sampleBytes);
        rawMongo(floorCount / 2, sampleBytes);
        double mongoRate = rawMongo(floorCount, sampleBytes);
        double floor = Math.min(kafkaRate, mongoRate);
        double platform = flat.accepted / (double) seconds;
        System.out.printf("FLOOR raw Kafka produce+consume %.0f msg/s, raw MongoDB inserts %.0f doc/s (%d of %d bytes each)%n",
                kafkaRate, mongoRate, floorCount, sampleBytes);
        System.out.printf("RATIO platform %.0f tickets/s / floor %.0f/s = %.2f%n", platform, floor, platform / floor);
    }

    record Phase(long accepted, long rejected, long limited, long errors, List<Long> latencies) {
    }

    /** Pushes for {@code seconds} with {@code clients} concurrent requests; rate 0 = as fast as they go. */
    Phase push(String token, int seconds, int clients, int rate) throws InterruptedException {
        AtomicLong accepted = new AtomicLong(), rejected = new AtomicLong(), limited = new AtomicLong(), errors = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        Semaphore inFlight = new Semaphore(clients);
        long start = System.nanoTime(), end = start + Duration.ofSeconds(seconds).toNanos();
        long sent = 0;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            while (System.nanoTime() < end) {
                if (rate > 0) {
                    long due = start + sent * 1_000_000_000L / rate;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                }
                inFlight.acquire();
                sent++;
                pool.submit(() -> {
                    try {
                        String body = ticket();
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/intake/v1/tickets"))
                                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        long t1 = System.nanoTime();
                        if (r.statusCode() == 201) {
                            String ticketId = field(r.body(), "ticketId");
                            pushed("C-" + ticketId, t0);
                            accepted.incrementAndGet();
                            latencies.add(t1 - t0);
                        } else if (r.statusCode() == 429) {
                            limited.incrementAndGet();
                        } else if (r.statusCode() >= 500) {
                            errors.incrementAndGet();
                        } else {
                            rejected.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    } finally {
                        inFlight.release();
                    }
                });
            }
        }
        return new Phase(accepted.get(), rejected.get(), limited.get(), errors.get(), new ArrayList<>(latencies));
    }

    /**
     * Waits until every accepted ticket has a case: its CaseOpened was read, or dispatch merged it into the case of
     * an earlier ticket that intake linked it to (same place and category: no new case, no CaseOpened), looked up
     * in dispatch's ticket index. Prints what it found; returns the seconds it waited.
     */
    double awaitCases(Duration max) {
        long start = System.nanoTime(), deadline = start + max.toNanos();
        long openedBefore = opened.get();
        int merged = 0;
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> mergedTickets = client.getDatabase("dispatch").getCollection("tickets");
            while (!pushedAt.isEmpty() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
                merged += forgetMerged(mergedTickets);
            }
        }
        double waited = (System.nanoTime() - start) / 1e9;
        System.out.printf("CASES %d more CaseOpened in %.1f s after the window; %d tickets merged into an earlier case "
                + "(linked by intake, no CaseOpened)%n", opened.get() - openedBefore, waited, merged);
        if (!pushedAt.isEmpty()) {
            System.out.printf("WARNING %d accepted tickets had no case after %d s%n", pushedAt.size(), max.toSeconds());
            pushedAt.clear();
        }
        return waited;
    }

    /** @return how many of the tickets still waiting dispatch has merged into an existing case (they stop waiting) */
    private int forgetMerged(MongoCollection<Document> mergedTickets) {
        int merged = 0;
        for (String caseId : mergedCases(mergedTickets, pushedAt.keySet()).keySet()) {
            if (pushedAt.remove(caseId) != null) {
                merged++;
            }
        }
        return merged;
    }

    /**
     * Of the cases named (each {@code C-<ticket id>}), those dispatch never opened because it merged their ticket
     * into the case of an earlier ticket intake linked it to, read from dispatch's ticket index: case id → the case
     * the ticket joined.
     */
    static Map<String, String> mergedCases(MongoCollection<Document> dispatchTickets, Collection<String> caseIds) {
        List<String> ticketIds = caseIds.stream().map(id -> id.substring(2)).toList();
        Map<String, String> merged = new TreeMap<>();
        for (int i = 0; i < ticketIds.size(); i += 1_000) {
            for (Document d : dispatchTickets.find(com.mongodb.client.model.Filters.in("_id",
                    ticketIds.subList(i, Math.min(ticketIds.size(), i + 1_000))))) {
                if (d.getString("caseId") != null) {
                    merged.put("C-" + d.getString("_id"), d.getString("caseId"));
                }
            }
        }
        return merged;
    }

    /** A push was accepted: its case may already have been seen. */
    void pushed(String caseId, long sentAt) {
        Long openedAt = meet(caseId, sentAt, openedEarly, pushedAt);
        if (openedAt != null) {
            matched(sentAt, openedAt);
        }
    }

    void caseOpened(String caseId, long openedAt) {
        Long sentAt = meet(caseId, openedAt, pushedAt, openedEarly);
        if (sentAt != null) {
            matched(sentAt, openedAt);
        }
    }

    /**
     * Takes the other side's time for this case, or leaves this side's for it to take: under one lock, so exactly
     * one of the two sides finds the other.
     */
    private Long meet(String caseId, long at, Map<String, Long> otherSide, Map<String, Long> thisSide) {
        synchronized (openedEarly) {
            Long other = otherSide.remove(caseId);
            if (other == null) {
                thisSide.put(caseId, at);
            }
            return other;
        }
    }

    private void matched(long sentAt, long openedAt) {
        opened.incrementAndGet();
        openedLatencies.add(openedAt - sentAt);
    }

    void consumeCaseOpened() {
        Properties p = new Properties();
        p.put("bootstrap.servers", kafka);
        p.put("group.id", "platform-benchmark-" + UUID.randomUUID());
        p.put("auto.offset.reset", "latest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.DISPATCH_CASES));
            while (consuming) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type != null && new String(type.value(), StandardCharsets.UTF_8).endsWith(".CaseOpened.v1")) {
                        caseOpened(record.key(), System.nanoTime());
                    }
                }
            }
        }
    }

    void warmUp(String token) throws Exception {
        for (int i = 0; i < 50; i++) {
            String body = ticket();
            sampleBytes = body.getBytes(StandardCharsets.UTF_8).length;
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(gateway + "/api/intake/v1/tickets"))
                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("warm-up push refused: " + r.statusCode() + " " + r.body());
            }
        }
        // let the warm-up's cases open before the clock starts (the consumer is subscribed by now)
        LockSupport.parkNanos(Duration.ofSeconds(3).toNanos());
        pushedAt.clear();
        openedEarly.clear();
    }

    String ticket() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        String phone = "13" + (100_000_000 + random.nextInt(899_999_999));
        return """
                {"ticketNo":"BENCH-%s","receivedAt":"%s","channel":"PHONE","kind":"COMPLAINT","category":"%s",
                 "content":"%s","address":"%s%d号","complainant":{"name":"市民%d","phone":"%s"},
                 "confidential":false,"urgency":"NORMAL"}""".formatted(UUID.randomUUID(),
                OffsetDateTime.now(ZoneOffset.ofHours(8)).withNano(0), CATEGORIES[random.nextInt(CATEGORIES.length)],
                "反映：门前道路积水、路灯不亮，已多次联系未解决，请尽快处理。编号" + random.nextInt(1_000_000),
                PLACES[random.nextInt(PLACES.length)], 1 + random.nextInt(200), random.nextInt(10_000), phone);
    }

    double rawKafka(int count, int bytes) throws Exception {
        String topic = "bench.floor." + UUID.randomUUID();
        Properties admin = new Properties();
        admin.put("bootstrap.servers", kafka);
        try (Admin a = Admin.create(admin)) {
            a.createTopics(List.of(new NewTopic(topic, 3, (short) 1))).all().get();
        }
        byte[] value = new byte[bytes];
        Arrays.fill(value, (byte) 'x');
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka);
        pp.put("acks", "all");
        pp.put("enable.idempotence", "true");
        Properties cp = new Properties();
        cp.put("bootstrap.servers", kafka);
        cp.put("group.id", "floor-" + UUID.randomUUID());
        cp.put("auto.offset.reset", "earliest");
        CountDownLatch received = new CountDownLatch(count);
        AtomicBoolean stop = new AtomicBoolean();
        long start = System.nanoTime();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer())) {
                c.subscribe(List.of(topic));
                while (!stop.get() && received.getCount() > 0) {
                    c.poll(Duration.ofMillis(50)).forEach(r -> received.countDown());
                }
            }
        });
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "k" + i, value));
            }
            producer.flush();
        }
        boolean all = received.await(120, java.util.concurrent.TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        stop.set(true);
        consumer.join();
        try (Admin a = Admin.create(admin)) {
            a.deleteTopics(List.of(topic)).all().get();
        }
        return (all ? count : count - received.getCount()) / seconds;
    }

    double rawMongo(int count, int bytes) {
        try (MongoClient client = MongoClients.create(mongo)) {
            MongoCollection<Document> c = client.getDatabase("bench-floor").getCollection("docs-" + UUID.randomUUID());
            String filler = "x".repeat(Math.max(1, bytes - 100));
            long start = System.nanoTime();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                for (int t = 0; t < 8; t++) {
                    int from = t;
                    pool.submit(() -> {
                        for (int i = from; i < count; i += 8) {
                            c.insertOne(new Document("_id", "d" + i).append("body", filler).append("version", 1));
                        }
                    });
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            c.drop();
            return count / seconds;
        }
    }

    /** CPU ticks (utime+stime) and RSS (kB) of each platform process ({@code .run/pids/*.pid} and Keycloak's). */
    Map<String, long[]> cpuTicks() throws Exception {
        Map<String, Path> pidFiles = new LinkedHashMap<>();
        if (Files.isDirectory(pids)) {
            try (var files = Files.list(pids)) {
                files.sorted().forEach(f -> pidFiles.put(f.getFileName().toString().replace(".pid", ""), f));
            }
        }
        Path keycloak = Path.of(env("KEYCLOAK_DATA", ".run/keycloak"), "keycloak.pid");
        if (Files.exists(keycloak)) {
            pidFiles.put("keycloak", keycloak);
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (var entry : pidFiles.entrySet()) {
            for (String p : withChildren(Files.readString(entry.getValue()).trim())) {
                Path stat = Path.of("/proc", p, "stat");
                if (!Files.exists(stat)) {
                    continue;
                }
                String s = Files.readString(stat);
                String[] fields = s.substring(s.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                long rss = Files.readAllLines(Path.of("/proc", p, "status")).stream()
                        .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("\\D", "")).mapToLong(Long::parseLong)
                        .findFirst().orElse(0);
                long[] sum = out.computeIfAbsent(entry.getKey(), k -> new long[2]);
                sum[0] += ticks;
                sum[1] += rss;
            }
        }
        return out;
    }

    /** The process and its direct children (launchers may exec a child JVM). */
    static List<String> withChildren(String pid) {
        List<String> all = new ArrayList<>(List.of(pid));
        ProcessHandle.of(Long.parseLong(pid)).ifPresent(h -> h.descendants().forEach(d -> all.add(String.valueOf(d.pid()))));
        return all;
    }

    void printResources(Map<String, long[]> before, Map<String, long[]> after, double seconds) {
        long hz = 100;
        long totalRss = 0;
        StringBuilder line = new StringBuilder("RESOURCES");
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            double cpu = (e.getValue()[0] - b[0]) / (double) hz / seconds * 100;
            totalRss += e.getValue()[1];
            line.append(String.format(" %s cpu %.0f%% rss %d MB;", e.getKey(), cpu, e.getValue()[1] / 1024));
        }
        System.out.println(line);
        System.out.printf("RESOURCES all recorded processes together: RSS %d MB%n", totalRss / 1024);
    }

    static double pct(List<Long> nanos, int p) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static String field(String json, String name) {
        int i = json.indexOf("\"" + name + "\"");
        int start = json.indexOf('"', json.indexOf(':', i) + 1) + 1;
        return json.substring(start, json.indexOf('"', start));
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return o;
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
