package cn.township.e2e.bench;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.Topics;
import cn.township.security.test.KeycloakTokens;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fault drills against {@code ./platform up}. Each prints what it checked and exits non-zero on a loss.
 *
 * <pre>
 * ./platform drill retry-storm [--tickets 300]
 * ./platform drill fuzz [--bodies 10000]
 * ./platform drill poison
 * ./platform drill kill-services [--seconds 120 --rate 100]
 * ./platform drill kafka-restart [--seconds 60 --rate 100]
 * ./platform drill all
 * </pre>
 */
public final class FaultDrills {

    final String gateway = PlatformBenchmark.env("E2E_GATEWAY", "http://127.0.0.1:8080");
    final String kafka = PlatformBenchmark.env("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
    final Path root = Path.of(PlatformBenchmark.env("PLATFORM_ROOT", "."));
    final KeycloakTokens tokens = new KeycloakTokens(
            PlatformBenchmark.env("KEYCLOAK_ISSUER_URI", "http://127.0.0.1:8180/realms/township"));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    final PlatformBenchmark tickets = new PlatformBenchmark();
    final List<String> failures = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        String drill = args.length > 0 ? args[0] : "all";
        Map<String, String> o = PlatformBenchmark.options(java.util.Arrays.copyOfRange(args, Math.min(1, args.length), args.length));
        FaultDrills d = new FaultDrills();
        switch (drill) {
            case "retry-storm" -> d.retryStorm(Integer.parseInt(o.getOrDefault("tickets", "300")));
            case "fuzz" -> d.fuzz(Integer.parseInt(o.getOrDefault("bodies", "10000")));
            case "poison" -> d.poison();
            case "kill-services" -> d.killServices(Integer.parseInt(o.getOrDefault("seconds", "120")),
                    Integer.parseInt(o.getOrDefault("rate", "100")));
            case "kafka-restart" -> d.kafkaRestart(Integer.parseInt(o.getOrDefault("seconds", "60")),
                    Integer.parseInt(o.getOrDefault("rate", "100")));
            case "all" -> {
                d.retryStorm(300);
                d.fuzz(10_000);
                d.poison();
                d.kafkaRestart(60, 100);
                d.killServices(120, 100);
            }
            default -> {
                System.err.println("unknown drill " + drill + ": retry-storm, fuzz, poison, kill-services, kafka-restart, all");
                System.exit(2);
            }
        }
        if (d.failures.isEmpty()) {
            System.out.println("DRILL PASSED " + drill);
            System.exit(0);
        }
        d.failures.forEach(f -> System.out.println("LOSS " + f));
        System.out.println("DRILL FAILED " + drill + " (" + d.failures.size() + " findings)");
        System.exit(1);
    }

    // ---- 12345 retry storm: every ticket three times at once → one ticket, one case

    void retryStorm(int count) throws Exception {
        String token = tokens.hotline();
        Map<String, Set<String>> idsByTicketNo = new ConcurrentHashMap<>();
        AtomicLong created = new AtomicLong(), replayed = new AtomicLong(), other = new AtomicLong();
        Map<String, AtomicLong> otherAnswers = new ConcurrentHashMap<>();
        Map<String, AtomicLong> unanswered = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String body = tickets.ticket();
                String ticketNo = PlatformBenchmark.field(body, "ticketNo");
                for (int copy = 0; copy < 3; copy++) {
                    all.add(pool.submit(() -> {
                        HttpResponse<String> r = sendAsTheCityDoes(() -> push(token, body), unanswered);
                        if (r.statusCode() == 201 || r.statusCode() == 200) {
                            (r.statusCode() == 201 ? created : replayed).incrementAndGet();
                            idsByTicketNo.computeIfAbsent(ticketNo, k -> ConcurrentHashMap.newKeySet())
                                    .add(PlatformBenchmark.field(r.body(), "ticketId"));
                        } else {
                            other.incrementAndGet();
                            otherAnswers.computeIfAbsent(r.statusCode() + " " + r.body().substring(0, Math.min(160, r.body().length())),
                                    k -> new AtomicLong()).incrementAndGet();
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        System.out.printf("retry-storm: %d tickets x 3 concurrent pushes: %d created (201), %d replays (200), %d other%n",
                count, created.get(), replayed.get(), other.get());
        if (!unanswered.isEmpty()) {
            System.out.println("retry-storm: pushes sent again (no answer in time, or 503 with Retry-After): " + unanswered);
        }
        // a push stored after its sender stopped waiting is answered 200 (a replay) when sent again: what counts is
        // one ticket per ticket number, every one of them accepted
        check(idsByTicketNo.size() == count, "retry-storm: " + idsByTicketNo.size() + " of " + count
                + " distinct pushes accepted");
        check(created.get() <= count, "retry-storm: " + created.get() + " tickets created for " + count + " distinct pushes");
        check(other.get() == 0, "retry-storm: " + other.get() + " pushes neither created nor replayed: " + otherAnswers);
        idsByTicketNo.forEach((no, ids) -> check(ids.size() == 1, "retry-storm: " + no + " got ticket ids " + ids));
        List<String> caseIds = idsByTicketNo.values().stream().map(ids -> "C-" + ids.iterator().next()).toList();
        checkCasesOpenedOnce(caseIds, Duration.ofSeconds(90), "retry-storm");
    }

    // ---- fuzz: malformed bodies on the push and Open311 endpoints → zero 5xx, nothing stored

    void fuzz(int bodies) throws Exception {
        String token = tokens.hotline();
        long before = storedTickets();
        Random random = new Random(12345);
        List<Function<String, String>> mutations = mutations(random);
        AtomicLong serverErrors = new AtomicLong(), accepted = new AtomicLong(), refused = new AtomicLong();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            List<Future<?>> all = new ArrayList<>();
            for (int i = 0; i < bodies; i++) {
                boolean open311 = i % 4 == 3;
                String valid = tickets.ticket();
                Function<String, String> mutation = mutations.get(i % mutations.size());
                String seedForm = open311Form(random);
                all.add(pool.submit(() -> {
                    // Open311 is public; the hotline's token only gives these requests the hotline's quota at the
                    // gateway instead of the anonymous 5/s per address, so the bodies reach intake
                    HttpResponse<String> r = open311
                            ? send(HttpRequest.newBuilder(URI.create(gateway + "/open311/v2/requests.json"))
                                    .header("Content-Type", "application/x-www-form-urlencoded")
                                    .header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(mutateForm(seedForm, mutation))))
                            : send(HttpRequest.newBuilder(URI.create(gateway + "/api/intake/v1/tickets"))
                                    .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                                    .POST(HttpRequest.BodyPublishers.ofString(mutation.apply(valid))));
                    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicLong()).incrementAndGet();
                    if (r.statusCode() >= 500) {
                        serverErrors.incrementAndGet();
                    } else if (r.statusCode() / 100 == 2) {
                        accepted.incrementAndGet();
                    } else {
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        long after = storedTickets();
        System.out.printf("fuzz: %d malformed bodies (3/4 push JSON, 1/4 Open311 form): statuses %s; 5xx %d; accepted %d; tickets stored before %d after %d%n",
                bodies, new java.util.TreeMap<>(statuses), serverErrors.get(), accepted.get(), before, after);
        check(serverErrors.get() == 0, "fuzz: " + serverErrors.get() + " answers were 5xx");
        check(accepted.get() == 0, "fuzz: " + accepted.get() + " malformed bodies were accepted");
        check(after == before, "fuzz: the ticket count changed from " + before + " to " + after);
    }

    List<Function<String, String>> mutations(Random random) {
        List<Function<String, String>> m = new ArrayList<>();
        m.add(s -> s.substring(0, random.nextInt(Math.max(1, s.length() - 1))));                 // truncated
        m.add(s -> s.replaceFirst("\"ticketNo\":\"[^\"]*\",", ""));                              // required field gone
        m.add(s -> s.replaceFirst("\"kind\":\"COMPLAINT\"", "\"kind\":\"RANT\""));               // unknown enum
        m.add(s -> s.replaceFirst("\"category\":\"[^\"]*\"", "\"category\":\"no-such-category\""));
        m.add(s -> s.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"" + "长".repeat(5000) + "\""));
        m.add(s -> s.replaceFirst("\"content\":\"[^\"]*\"", "\"content\":\"\""));
        m.add(s -> s.replaceFirst("\"receivedAt\":\"[^\"]*\"", "\"receivedAt\":\"yesterday\""));
        m.add(s -> s.replaceFirst("\"confidential\":false", "\"confidential\":\"maybe\""));
        m.add(s -> s.replaceFirst("\"complainant\":\\{", "\"complainant\":[{").replaceFirst("\"},\n", "\"}],\n"));
        m.add(s -> "[" + s + "]");
        m.add(s -> "");
        m.add(s -> "null");
        m.add(s -> "{\"ticketNo\":" + "[".repeat(2000) + "]".repeat(2000) + "}");
        m.add(s -> s.replace("\"", "'"));
        m.add(s -> s.replaceFirst("\"urgency\":\"NORMAL\"", "\"urgency\":7"));
        m.add(s -> "{\"ticketNo\":{\"$gt\":\"\"}," + s.substring(1));                     // operator injection
        m.add(s -> s.replaceFirst("\"ticketNo\":\"[^\"]*\"", "\"ticketNo\":\"" + "9".repeat(500) + "\""));
        m.add(s -> new String(randomBytes(random, 200), StandardCharsets.ISO_8859_1));
        return m;
    }

    static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    String open311Form(Random random) {
        return "api_key=local-dev-key&service_code=roads&lat=40.2951&long=117.2317&description="
                + URLEncoder.encode("村口道路塌陷" + random.nextInt(), StandardCharsets.UTF_8)
                + "&address_string=" + URLEncoder.encode("南岔村村口", StandardCharsets.UTF_8);
    }

    /** An Open311 form made invalid: a key or the service code wrong, a description too long, a bad coordinate, no location. */
    static String mutateForm(String form, Function<String, String> jsonMutation) {
        int pick = Math.floorMod(jsonMutation.hashCode(), 6);
        return switch (pick) {
            case 0 -> form.replace("api_key=local-dev-key", "api_key=stolen");
            case 1 -> form.replace("service_code=roads", "service_code=no-such-service");
            case 2 -> form.replaceAll("&description=[^&]*", "&description=" + "x".repeat(4001)); // over 4,000 characters
            case 3 -> form.replace("lat=40.2951", "lat=north");
            case 4 -> form.replace("api_key=local-dev-key&", "");
            default -> form.replace("service_code=roads&lat=40.2951&long=117.2317&", "").replaceAll("&address_string=[^&]*", "");
        };
    }

    long storedTickets() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(gateway + "/api/intake/v1/tickets/counts"))
                .header("Authorization", "Bearer " + tokens.user("secretary")).GET());
        Matcher m = Pattern.compile("\"bySource\":\\{([^}]*)}").matcher(r.body());
        if (r.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("ticket counts unreadable: " + r.statusCode() + " " + r.body());
        }
        long sum = 0;
        for (String part : m.group(1).split(",")) {
            sum += Long.parseLong(part.substring(part.indexOf(':') + 1).trim());
        }
        return sum;
    }

    // ---- poison records: each topic's poison lands in its .dlt and the flow continues

    void poison() throws Exception {
        String run = UUID.randomUUID().toString();
        List<String> topics = List.of(Topics.INTAKE_TICKETS, Topics.DISPATCH_CASES, Topics.MEDIATION_SESSIONS,
                Topics.VILLAGE_AFFAIRS);
        Properties pp = new Properties();
        pp.put("bootstrap.servers", kafka);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pp, new StringSerializer(), new ByteArraySerializer())) {
            for (String topic : topics) {
                ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, "poison-" + run,
                        "{not json at all".getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.ID, ("poison-" + run + "-" + topic).getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.TYPE, typeFor(topic).getBytes(StandardCharsets.UTF_8));
                record.headers().add(CloudEventHeaders.SPEC_VERSION, "1.0".getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
        }
        Map<String, Boolean> landed = new HashMap<>();
        Properties cp = new Properties();
        cp.put("bootstrap.servers", kafka);
        cp.put("group.id", "drill-" + run);
        cp.put("auto.offset.reset", "earliest");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(Pattern.compile(".*\\.dlt"));
            while (System.nanoTime() < deadline && landed.size() < expectedDeadLetters(topics)) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (("poison-" + run).equals(r.key())) {
                        landed.put(r.topic() + " (from a consumer group of " + r.topic().replace(".dlt", "") + ")", true);
                    }
                }
            }
        }
        System.out.printf("poison: one unreadable record on each of %s; dead letters seen: %s%n", topics, landed.keySet());
        for (String topic : topics) {
            check(landed.keySet().stream().anyMatch(k -> k.startsWith(topic + ".dlt")), "poison: nothing in " + topic + ".dlt");
        }
        // and the flow goes on: a fresh ticket still opens its case
        HttpResponse<String> r = push(tokens.hotline(), tickets.ticket());
        check(r.statusCode() == 201, "poison: a push after the poison was answered " + r.statusCode());
        if (r.statusCode() == 201) {
            checkCasesOpenedOnce(List.of("C-" + PlatformBenchmark.field(r.body(), "ticketId")), Duration.ofSeconds(60), "poison");
        }
    }

    /** Topics nobody in the platform consumes cannot produce dead letters; the rest each do once. */
    static int expectedDeadLetters(List<String> topics) {
        return topics.size();
    }

    static String typeFor(String topic) {
        return switch (topic) {
            case Topics.INTAKE_TICKETS -> "ticket.intake.TicketReceived.v1";
            case Topics.DISPATCH_CASES -> "case.dispatch.CaseOpened.v1";
            case Topics.MEDIATION_SESSIONS -> "mediation.mediation.AgreementReached.v1";
            default -> "village.village.ElderReviewConcluded.v1";
        };
    }

    // ---- kill -9 each service in turn under load, restart it: every accepted ticket has exactly one case

    void killServices(int seconds, int rate) throws Exception {
        List<String> services = List.of("intake", "dispatch", "mediation", "village", "gateway");
        long slice = Duration.ofSeconds(seconds).toMillis() / (services.size() + 1);
        underLoad(seconds, rate, "kill-services", () -> {
            for (String service : services) {
                LockSupport.parkNanos(Duration.ofMillis(slice).toNanos());
                String pid = Files.readString(root.resolve(".run/pids/" + service + ".pid")).trim();
                System.out.printf("kill-services: kill -9 %s (pid %s)%n", service, pid);
                new ProcessBuilder("kill", "-9", pid).inheritIO().start().waitFor();
                awaitGone(pid);
                platformUp();
            }
        });
    }

    void kafkaRestart(int seconds, int rate) throws Exception {
        underLoad(seconds, rate, "kafka-restart", () -> {
            LockSupport.parkNanos(Duration.ofSeconds(seconds / 3).toNanos());
            String pid = Files.readString(root.resolve(".run/pids/kafka.pid")).trim();
            System.out.printf("kafka-restart: stopping the broker (pid %s)%n", pid);
            new ProcessBuilder("kill", "-TERM", pid).inheritIO().start().waitFor();
            awaitGone(pid);
            platformUp();
        });
    }

    interface Fault {
        void inject() throws Exception;
    }

    void underLoad(int seconds, int rate, String drill, Fault fault) throws Exception {
        String token = tokens.hotline();
        List<String> accepted = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicLong refused = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().start(() -> {
            long start = System.nanoTime();
            long sent = 0;
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                while (running.get() && System.nanoTime() - start < Duration.ofSeconds(seconds).toNanos()) {
                    long due = start + sent * 1_000_000_000L / rate;
                    LockSupport.parkNanos(Math.max(0, due - System.nanoTime()));
                    sent++;
                    String body = tickets.ticket();
                    pool.submit(() -> {
                        try {
                            HttpResponse<String> r = push(token, body);
                            if (r.statusCode() == 201 || r.statusCode() == 200) {
                                accepted.add("C-" + PlatformBenchmark.field(r.body(), "ticketId"));
                            } else {
                                refused.incrementAndGet();
                            }
                        } catch (Exception e) {
                            refused.incrementAndGet();
                        }
                    });
                }
            }
        });
        fault.inject();
        load.join();
        System.out.printf("%s: %d pushes accepted, %d refused or unanswered while parts were down (the city retries those)%n",
                drill, accepted.size(), refused.get());
        checkCasesOpenedOnce(List.copyOf(accepted), Duration.ofSeconds(180), drill);
    }

    /** Waits (up to 30 s) until a stopped process is gone, so that `./platform up` sees it stopped. */
    static void awaitGone(String pid) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false)
                && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }

    /**
     * Moves the case ids still without a CaseOpened whose ticket dispatch merged into an existing case from
     * {@code wanted} to {@code merged} (case id → the case it joined).
     */
    private static void findMerged(MongoClient mongo, Set<String> wanted, Set<String> opened, Map<String, String> merged) {
        List<String> waiting = wanted.stream().filter(id -> !opened.contains(id)).toList();
        PlatformBenchmark.mergedCases(mongo.getDatabase("dispatch").getCollection("tickets"), waiting)
                .forEach((caseId, joined) -> {
                    wanted.remove(caseId);
                    merged.put(caseId, joined);
                });
    }

    void platformUp() throws IOException, InterruptedException {
        Path output = Files.createTempFile("platform-up", ".log");
        Process up = new ProcessBuilder(root.resolve("platform").toString(), "up").redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        boolean ok = up.waitFor() == 0;
        if (!ok) {
            List<String> lines = Files.readAllLines(output);
            System.out.println(String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size())));
        }
        check(ok, "./platform up failed to restart what was stopped");
    }

    /**
     * Every accepted ticket has a case: its own, with exactly one CaseOpened on the dispatch topic and readable in
     * AWAITING_SIGN_OFF, or the case of an earlier ticket intake linked it to (same caller, place and category), which
     * dispatch merged it into without a CaseOpened (found in dispatch's ticket index, as the benchmark looks it up).
     */
    void checkCasesOpenedOnce(List<String> caseIds, Duration within, String drill) {
        Map<String, AtomicLong> openedCount = new ConcurrentHashMap<>();
        Set<String> wanted = new java.util.HashSet<>(caseIds);
        Map<String, String> merged = new java.util.TreeMap<>();
        Properties cp = new Properties();
        cp.put("bootstrap.servers", kafka);
        cp.put("group.id", "drill-check-" + UUID.randomUUID());
        cp.put("auto.offset.reset", "earliest");
        long deadline = System.nanoTime() + within.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(cp, new StringDeserializer(), new ByteArrayDeserializer());
             MongoClient mongo = MongoClients.create(tickets.mongo)) {
            consumer.subscribe(List.of(Topics.DISPATCH_CASES));
            long quietUntil = 0;
            long nextMergeCheck = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                if (System.nanoTime() > nextMergeCheck) {
                    findMerged(mongo, wanted, openedCount.keySet(), merged);
                    nextMergeCheck = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                }
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Header type = r.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type != null && wanted.contains(r.key())
                            && new String(type.value(), StandardCharsets.UTF_8).endsWith(".CaseOpened.v1")) {
                        openedCount.computeIfAbsent(r.key(), k -> new AtomicLong()).incrementAndGet();
                    }
                }
                if (openedCount.size() == wanted.size()) {
                    if (quietUntil == 0) {
                        quietUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos(); // read on a little for duplicates
                    } else if (System.nanoTime() > quietUntil) {
                        break;
                    }
                }
            }
        }
        long missing = wanted.stream().filter(id -> !openedCount.containsKey(id)).count();
        long twice = openedCount.values().stream().filter(n -> n.get() > 1).count();
        String sampleMissing = wanted.stream().filter(id -> !openedCount.containsKey(id)).limit(5).toList().toString();
        System.out.printf("%s: %d accepted tickets; CaseOpened once for %d, merged into an earlier ticket's case %d%s,"
                        + " missing %d%s, more than once %d%n", drill, wanted.size() + merged.size(),
                openedCount.values().stream().filter(n -> n.get() == 1).count(), merged.size(),
                merged.isEmpty() ? "" : " " + merged.entrySet().stream().limit(3).toList(), missing,
                missing > 0 ? " " + sampleMissing : "", twice);
        check(missing == 0, drill + ": " + missing + " accepted tickets have no case, e.g. " + sampleMissing);
        check(twice == 0, drill + ": " + twice + " cases opened more than once");
        String secretary = tokens.user("secretary");
        Map<String, String> unreadableWhy = new java.util.TreeMap<>();
        long unreadable = wanted.stream().limit(50).filter(id -> {
            try {
                HttpResponse<String> r;
                // the secretary's own rate limit (20/s, burst 40) answers 429 to 50 reads in a row: wait as it says
                for (int attempt = 0; ; attempt++) {
                    r = send(HttpRequest.newBuilder(URI.create(gateway + "/api/dispatch/cases/" + id))
                            .header("Authorization", "Bearer " + secretary).GET());
                    if (r.statusCode() != 429 || attempt == 5) {
                        break;
                    }
                    waitAsAsked(r);
                }
                boolean ok = r.statusCode() == 200 && r.body().contains("\"state\":\"AWAITING_SIGN_OFF\"");
                if (!ok) {
                    unreadableWhy.put(id, r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length())));
                }
                return !ok;
            } catch (Exception e) {
                unreadableWhy.put(id, e.toString());
                return true;
            }
        }).count();
        System.out.printf("%s: %d of %d sampled cases readable in AWAITING_SIGN_OFF%n", drill,
                Math.min(50, wanted.size()) - unreadable, Math.min(50, wanted.size()));
        check(unreadable == 0, drill + ": " + unreadable + " sampled cases not readable in AWAITING_SIGN_OFF: " + unreadableWhy);
        ticketsShowTheirCases(wanted.stream().limit(50).toList(), secretary, drill);
    }

    /**
     * The other side of each sampled case: the ticket in intake, as the city and the township read it, shows it in
     * progress under its case (intake applied the CaseOpened, whatever was killed or restarted on the way). Intake
     * follows the topic a moment behind, so each ticket gets up to 60 s in all.
     */
    void ticketsShowTheirCases(List<String> caseIds, String token, String drill) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Map<String, String> behind = new java.util.TreeMap<>();
        for (String caseId : caseIds) {
            String why = ticketBehindItsCase(caseId, token, deadline);
            if (why != null) {
                behind.put(caseId.substring("C-".length()), why);
            }
        }
        System.out.printf("%s: %d of %d sampled tickets in intake IN_PROGRESS under their case%n", drill,
                caseIds.size() - behind.size(), caseIds.size());
        check(behind.isEmpty(), drill + ": " + behind.size() + " sampled tickets not IN_PROGRESS under their case in intake: " + behind);
    }

    /** Null once the case's ticket reads IN_PROGRESS under it; the last answer if it still does not at the deadline. */
    private String ticketBehindItsCase(String caseId, String token, long deadline) {
        URI ticket = URI.create(gateway + "/api/intake/v1/tickets/" + caseId.substring("C-".length()));
        while (true) {
            HttpResponse<String> r = null;
            String last;
            try {
                r = send(HttpRequest.newBuilder(ticket).header("Authorization", "Bearer " + token).GET());
                if (r.statusCode() == 200 && r.body().contains("\"status\":\"IN_PROGRESS\"")
                        && r.body().contains("\"caseId\":\"" + caseId + "\"")) {
                    return null;
                }
                last = r.statusCode() + " " + r.body().substring(0, Math.min(200, r.body().length()));
            } catch (Exception e) {
                last = e.toString();
            }
            if (System.nanoTime() >= deadline) {
                return last;
            }
            waitAsAsked(r != null && r.statusCode() == 429 ? r : null);
        }
    }

    /**
     * A push as the city's system sends it: a push the platform did not answer in time, or answered 503 (the
     * gateway sheds load when intake's connections are all taken), is sent again after the {@code Retry-After} it
     * gave (1 s when none), up to 10 times; each such retry is counted in {@code retried} by what happened.
     */
    static HttpResponse<String> sendAsTheCityDoes(Callable<HttpResponse<String>> push, Map<String, AtomicLong> retried)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            long sent = System.nanoTime();
            HttpResponse<String> r;
            String what;
            try {
                r = push.call();
                if (r.statusCode() != 503 || attempt == 10) {
                    return r;
                }
                what = "503";
            } catch (IOException e) {
                if (attempt == 10) {
                    throw e;
                }
                r = null;
                what = e.getClass().getSimpleName() + " after " + Duration.ofNanos(System.nanoTime() - sent).toSeconds() + " s";
            }
            retried.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
            waitAsAsked(r);
        }
    }

    /**
     * Waits the seconds the answer's {@code Retry-After} asks for (at least 1; 1 when there is no answer or no
     * header) before a request is sent again: a client honouring the platform's back-off, not a test waiting for a
     * condition, so it waits the time itself.
     */
    static void waitAsAsked(HttpResponse<String> answer) {
        long seconds = answer == null ? 1 : answer.headers().firstValueAsLong("Retry-After").orElse(1);
        LockSupport.parkNanos(Duration.ofSeconds(Math.max(1, seconds)).toNanos());
    }

    HttpResponse<String> push(String token, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(gateway + "/api/intake/v1/tickets"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    void check(boolean ok, String finding) {
        if (!ok) {
            failures.add(finding);
        }
    }
}
