package cn.township.intake.bench;

import cn.township.infra.testing.BenchProcesses;
import cn.township.infra.testing.SlowBursts;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.intake.IntakeApplication;
import cn.township.security.test.KeycloakTokens;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Push benchmark, direct to the service (no gateway) with a real Kafka broker and the MongoDB-wire server
 * (started as child JVMs, or given with --kafka/--mongo). Two phases after a warm-up:
 * <ol>
 *   <li>latency: an open-loop schedule of {@code --rate} pushes/s for {@code --latency-seconds}; latency is
 *   measured from each push's scheduled start, so a stall counts against every push it delays;</li>
 *   <li>throughput: {@code --concurrency} clients pushing back-to-back for {@code --throughput-seconds};
 *   accepted (201) pushes per second.</li>
 * </ol>
 * Every push is a distinct ticket (unique ticketNo) spread over villages, categories and callers, sent with a
 * real token of the realm's {@code hotline} service account (from {@code --keycloak <issuer>}, else the
 * environment variable {@code TOWNSHIP_TEST_KEYCLOAK_ISSUER}, else a Keycloak the test support starts), fetched
 * again a minute before it expires.
 */
public final class PushBenchmark {

    private static final String[] ADDRESSES = {"平谷区熊儿寨乡南岔村东街", "熊儿寨乡北土门村3组", "熊儿寨村", "东沟村", "花峪村",
            "魏家湾村", "老泉口村", "黄土梁村", "某小区"};
    private static final String[] CATEGORIES = {"roads", "street-lights", "water-supply", "drainage", "sanitation",
            "noise", "neighbour-dispute", "construction-dispute", "social-security", "public-order"};

    /** A push not answered within this counts as failed (and keeps a saturated run bounded in time). */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A push in the latency phase slower than this is listed with the time it was sent. */
    private static final Duration SLOW = Duration.ofMillis(50);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final URI endpoint;
    private final AtomicLong sequence = new AtomicLong();
    private final String run = Long.toString(System.currentTimeMillis(), 36);
    private final String issuer;
    private volatile String token;
    private volatile Instant refreshAt = Instant.MIN;

    private PushBenchmark(int port, String issuer) {
        this.endpoint = URI.create("http://127.0.0.1:" + port + "/api/intake/v1/tickets");
        this.issuer = issuer;
    }

    /** The hotline's bearer token, fetched anew (not from a cache) a minute before it expires. */
    private String token() {
        if (Instant.now().isAfter(refreshAt)) {
            synchronized (this) {
                if (Instant.now().isAfter(refreshAt)) {
                    String fresh = new KeycloakTokens(issuer).hotline();
                    refreshAt = Instant.ofEpochSecond(KeycloakTokens.claims(fresh).get("exp").asLong()).minusSeconds(60);
                    token = fresh;
                }
            }
        }
        return token;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int rate = Integer.parseInt(opts.getOrDefault("rate", "200"));
        int latencySeconds = Integer.parseInt(opts.getOrDefault("latency-seconds", "30"));
        int throughputSeconds = Integer.parseInt(opts.getOrDefault("throughput-seconds", "60"));
        int concurrency = Integer.parseInt(opts.getOrDefault("concurrency", "32"));
        int warmupSeconds = Integer.parseInt(opts.getOrDefault("warmup-seconds", "60"));
        int warmupMaxSeconds = Integer.parseInt(opts.getOrDefault("warmup-max-seconds", "300"));
        int latencyWarmupSeconds = Integer.parseInt(opts.getOrDefault("latency-warmup-seconds", "20"));
        String jfrDir = opts.get("jfr-dir");
        String kafka = opts.getOrDefault("kafka", null);
        String mongo = opts.getOrDefault("mongo", null);
        String issuer = opts.getOrDefault("keycloak", null);
        if (kafka == null) {
            kafka = TestInfrastructure.kafkaBootstrapServers();
        }
        if (issuer == null) {
            issuer = TestInfrastructure.keycloakIssuer();
        }
        if (mongo == null) {
            mongo = TestInfrastructure.mongoUri("intake-bench-" + System.currentTimeMillis());
        }
        ConfigurableApplicationContext app = new SpringApplication(IntakeApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + kafka, "--spring.mongodb.uri=" + mongo, "--server.port=0",
                "--township.security.issuer-uri=" + issuer,
                "--logging.level.root=WARN", "--township.intake.feedback.url=http://127.0.0.1:9/none");
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        System.out.printf("intake on port %d, kafka %s, mongo %s, keycloak %s, %d cores%n", port, kafka, mongo, issuer,
                Runtime.getRuntime().availableProcessors());
        PushBenchmark bench = new PushBenchmark(port, issuer);
        bench.token();
        try {
            warmUp((seconds, label) -> bench.closedLoop(concurrency, seconds, label), warmupSeconds, warmupMaxSeconds);
            if (latencyWarmupSeconds > 0) {
                System.out.printf("(the open-loop schedule for %d s first, not measured: going from closed to open loop"
                        + " recompiles code)%n", latencyWarmupSeconds);
                bench.openLoop(rate, latencyWarmupSeconds);
            }
            Window window = Window.open();
            int pushed = bench.openLoop(rate, latencySeconds);
            window.print(pushed);
            window = Window.open();
            pushed = bench.closedLoop(concurrency, throughputSeconds, "throughput");
            window.print(pushed);
            if (wrkAvailable()) {
                warmUp((seconds, label) -> bench.wrk(concurrency, seconds, label), 10, warmupMaxSeconds);
                if (jfrDir != null) {
                    BenchProcesses.jcmd("JFR.start", "name=bench", "settings=profile", "filename=" + jfrDir);
                }
                window = Window.open();
                pushed = bench.wrk(concurrency, throughputSeconds, "throughput (wrk, 1 thread)");
                window.print(pushed);
                if (jfrDir != null) {
                    BenchProcesses.jcmd("JFR.stop", "name=bench");
                    System.out.println("  flight recordings of the wrk phase (service, MongoDB, Kafka) in " + jfrDir);
                }
            } else {
                System.out.println("(install wrk for a throughput figure with a load generator that takes less CPU)");
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    /** A load that runs for some seconds and prints what it did. */
    @FunctionalInterface
    private interface Load {
        void run(int seconds, String label) throws Exception;
    }

    /**
     * Runs the load for at least {@code minSeconds}, then on in 10 s slices while the JIT compilers still took more
     * than 2 % of a slice (or until {@code maxSeconds}): on two cores a compiler thread busy with the service's code
     * takes CPU from it for minutes after start, and a figure measured meanwhile is not the steady state. Each
     * kind of load gets its own warm-up: another client's requests take other paths and have code recompiled.
     */
    private static void warmUp(Load load, int minSeconds, int maxSeconds) throws Exception {
        long compiled = BenchProcesses.compilerMillis();
        load.run(minSeconds, "warm-up");
        int elapsed = minSeconds;
        long slice = BenchProcesses.compilerMillis() - compiled;
        while (elapsed < maxSeconds) {
            compiled = BenchProcesses.compilerMillis();
            load.run(10, "warm-up (compiler busy)");
            elapsed += 10;
            slice = BenchProcesses.compilerMillis() - compiled;
            if (slice <= 200) {
                break;
            }
        }
        System.out.printf("warmed up for %d s; the JIT compilers took %d ms of the last slice%s%n", elapsed, slice,
                slice > 200 ? " (still compiling: figures below are not the steady state)" : "");
    }

    /** CPU of every process and the compilers' time over a measured phase. */
    private record Window(java.util.Map<String, Long> cpu, long compiled, long start) {

        static Window open() {
            return new Window(BenchProcesses.cpu(), BenchProcesses.compilerMillis(), System.nanoTime());
        }

        void print(int pushes) {
            var used = BenchProcesses.cpuSince(cpu);
            double seconds = (System.nanoTime() - start) / 1e9;
            double total = BenchProcesses.totalSeconds(used);
            System.out.printf("  CPU %.0f %% of one core in all (%.2f ms per push: %s); JIT compilers %d ms%n",
                    100 * total / seconds, total * 1000 / Math.max(1, pushes), BenchProcesses.perUnit(used, pushes),
                    BenchProcesses.compilerMillis() - compiled);
        }
    }

    /** @return the pushes made */
    private int openLoop(int rate, int seconds) throws InterruptedException {
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        SlowBursts slow = new SlowBursts(SLOW);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * interval;
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                pool.submit(() -> {
                    int status = push();
                    long latency = System.nanoTime() - scheduled;
                    latencies.add(latency);
                    slow.record(scheduled, latency);
                    if (status != 201) {
                        failures.incrementAndGet();
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("latency at %d pushes/s for %ds: %d pushes in %.1fs, %d not 201; p50 %.1f ms, p90 %.1f ms, "
                        + "p99 %.1f ms, p99.9 %.1f ms, max %.1f ms%n", rate, seconds, sorted.length, elapsed,
                failures.get(), pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), pct(sorted, 99.9),
                sorted[sorted.length - 1] / 1e6);
        System.out.println("  " + slow.describe("pushes"));
        return sorted.length;
    }

    /** @return the pushes accepted */
    private int closedLoop(int concurrency, int seconds, String label) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong accepted = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<long[]> perClient = new ArrayList<>();
        long start = System.nanoTime();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < concurrency; c++) {
                long[] worst = new long[1];
                perClient.add(worst);
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        if (push() == 201) {
                            accepted.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        worst[0] = Math.max(worst[0], System.nanoTime() - t0);
                    }
                });
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long worst = perClient.stream().mapToLong(w -> w[0]).max().orElse(0);
        System.out.printf("%s: %d clients for %.1fs: %d accepted (%.0f pushes/s), %d failed, slowest push %.1f ms%n",
                label, concurrency, elapsed, accepted.get(), accepted.get() / elapsed, failed.get(), worst / 1e6);
        return (int) accepted.get();
    }

    private static boolean wrkAvailable() {
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The same closed-loop push load from wrk (one thread, in C), which leaves more of the two cores to the service
     * than the JDK client: every request a distinct ticket number, built by a Lua script.
     */
    /**
     * Each wrk run numbers its tickets from 1 again, so its ticket numbers carry the run's own number: a number
     * pushed again with the same body is a retry (200, nothing stored), which would flatter the figure.
     */
    private final AtomicInteger wrkRuns = new AtomicInteger();

    private int wrk(int concurrency, int seconds, String label) throws Exception {
        Path script = Files.createTempFile("intake-push", ".lua");
        Files.writeString(script, """
                local n = 0
                local categories = {"roads", "street-lights", "water-supply", "drainage", "sanitation", "noise"}
                local places = {"熊儿寨乡北土门村3组", "熊儿寨村", "东沟村", "花峪村", "魏家湾村", "老泉口村"}
                request = function()
                  n = n + 1
                  local body = '{"ticketNo":"WRK-%s-' .. n .. '","receivedAt":"2026-05-01T08:30:00+08:00",'
                    .. '"channel":"PHONE","kind":"COMPLAINT","category":"' .. categories[n %% 6 + 1] .. '",'
                    .. '"content":"基准测试工单 ' .. n .. '：村内道路有坑，夜间无照明。","address":"'
                    .. places[n %% 6 + 1] .. (n %% 100) .. '号","complainant":{"name":"测试","phone":"13'
                    .. (100000000 + n) .. '"},"confidential":false,"urgency":"NORMAL"}'
                  return wrk.format("POST", nil, {["Content-Type"] = "application/json",
                    ["Authorization"] = "Bearer %s"}, body)
                end
                """.formatted(run + "-" + wrkRuns.incrementAndGet(), token()));
        Process wrk = new ProcessBuilder("wrk", "-t1", "-c" + concurrency, "-d" + seconds + "s", "-s", script.toString(),
                endpoint.toString()).redirectErrorStream(true).start();
        String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        wrk.waitFor();
        Files.deleteIfExists(script);
        double rps = 0;
        String refused = "0";
        for (String line : output.split("\n")) {
            if (line.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(line.substring("Requests/sec:".length()).trim());
            }
            if (line.contains("Non-2xx")) {
                refused = line.substring(line.indexOf(':') + 1).trim();
            }
        }
        System.out.printf("%s: %d connections for %ds: %.0f pushes/s, %s not 2xx%n", label, concurrency, seconds, rps,
                refused);
        return (int) Math.round(rps * seconds);
    }

    private int push() {
        long n = sequence.incrementAndGet();
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String body = "{\"ticketNo\":\"BENCH-" + run + "-" + n + "\",\"receivedAt\":\"2026-05-01T08:30:00+08:00\","
                + "\"channel\":\"PHONE\",\"kind\":\"COMPLAINT\",\"category\":\"" + CATEGORIES[r.nextInt(CATEGORIES.length)]
                + "\",\"content\":\"基准测试工单 " + n + "：村内道路有坑，夜间无照明，影响出行。\",\"address\":\""
                + ADDRESSES[r.nextInt(ADDRESSES.length)] + r.nextInt(100) + "号\",\"complainant\":{\"name\":\"测试\","
                + "\"phone\":\"13" + (100_000_000 + r.nextInt(800_000_000)) + "\"},\"confidential\":false,"
                + "\"urgency\":\"NORMAL\"}";
        HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            opts.put(args[i].substring(2), args[i + 1]);
        }
        return opts;
    }
}
