package cn.township.gateway.bench;

import cn.township.gateway.StubBackend;
import cn.township.security.test.KeycloakTokens;
import cn.township.infra.testing.BenchProcesses;
import cn.township.infra.testing.TestInfrastructure;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gateway overhead with token validation: the gateway in front of a stub backend (Reactor Netty server) versus calling
 * the stub directly, both with the same real Keycloak token of the hotline client. The gateway runs in a JVM of its
 * own as deployed ({@code -Dbench.gatewayJvm="-Xmx320m ..."} sets its options; {@code -Dbench.inProcess=true} runs it
 * inside this JVM, beside the stub and the load generator, as earlier sessions measured it).
 *
 * <pre>
 * mvn -q -B -pl gateway -am test-compile -Pbench -DskipTests
 *   [-Dbench.seconds=20 -Dbench.rate=500 -Dbench.concurrency=32 -Dbench.warmup=90 -Dbench.inProcess=false
 *    -Dbench.latencyDir=/tmp/latency]  (env TOWNSHIP_TEST_KEYCLOAK_ISSUER=... reuses a running realm)
 * </pre>
 *
 * After a warm-up (wrk through the gateway with and without a token, then the fixed-rate load both ways), prints
 * (1) closed-loop throughput through the gateway and directly, (2) p50/p99/max latency of an open-loop load
 * at a fixed rate (latency counted from each request's scheduled start, so stalls are not hidden) and the p99 the
 * gateway adds: first one target after the other, then both in one window with their requests taking turns, so that
 * a stall of the machine in the window lands on both. The fixed-rate load comes from {@link FixedRateLoad} (two
 * threads; {@code -Dbench.jdkFixedRate=true}: the JDK client, as before the twelfth session). {@code
 * -Dbench.latencyDir=DIR} writes every request's latency in the order sent. The load generator runs on the same
 * machine and takes CPU from the gateway.
 */
public final class GatewayBenchmark {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.getInteger("bench.seconds", 20);
        int rate = Integer.getInteger("bench.rate", 500);
        int concurrency = Integer.getInteger("bench.concurrency", 32);
        int warmup = Integer.getInteger("bench.warmup", 90);
        String issuer = TestInfrastructure.keycloakIssuer();
        String token = new KeycloakTokens(issuer).hotline();

        List<String> gatewayArgs = List.of("--KEYCLOAK_ISSUER_URI=" + issuer,
                "--township.gateway.rate-limit.clients.hotline.per-second=1000000",
                "--township.gateway.rate-limit.clients.hotline.burst=1000000",
                "--township.gateway.rate-limit.anonymous.per-second=1000000",
                "--township.gateway.rate-limit.anonymous.burst=1000000",
                "--logging.level.root=WARN", "--spring.main.banner-mode=off");
        boolean fork = !Boolean.getBoolean("bench.inProcess");
        try (StubBackend backend = new StubBackend(false);
             Gateway gateway = fork ? Gateway.process(backend.uri(), gatewayArgs) : Gateway.inProcess(backend.uri(), gatewayArgs)) {
            int port = gateway.port();
            System.out.println("gateway: " + gateway.describe());
            URI viaGateway = URI.create("http://127.0.0.1:" + port + "/api/intake/ping");
            URI direct = URI.create(backend.uri() + "/api/intake/ping");
            URI anonymous = URI.create("http://127.0.0.1:" + port + "/open311/v2/services.json");
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

            // steady state, as a gateway that has been up for a while runs: the just-started JVM compiles the
            // request path for tens of seconds on this machine (its compiler threads take a core meanwhile)
            boolean wrk = wrkAvailable();
            System.out.println("warming up (" + warmup + " s) ...");
            if (wrk) {
                wrk(viaGateway, token, concurrency, warmup * 2 / 3);
                wrk(anonymous, null, concurrency, warmup / 3);
            } else {
                throughput(client, viaGateway, token, concurrency, warmup * 2 / 3);
                throughput(client, anonymous, null, concurrency, warmup / 3);
            }
            // the load generator's own path (the JDK client in this JVM) warms up too, both ways
            fixedRate(client, viaGateway, token, rate, Math.max(10, warmup / 6));
            fixedRate(client, direct, token, rate, Math.max(10, warmup / 6));

            System.out.println("throughput load generator: " + (wrk ? "wrk (1 thread)" : "the JDK HttpClient (install wrk for a lighter one)"));
            long jitBefore = BenchProcesses.compilerMillis();
            long cpuBefore = gateway.cpuNanos();
            long gatewayJitBefore = gateway.jitMillis();
            double gatewayRps = wrk ? wrk(viaGateway, token, concurrency, seconds) : throughput(client, viaGateway, token, concurrency, seconds);
            long gatewayCpu = gateway.cpuNanos() - cpuBefore;
            double directRps = wrk ? wrk(direct, token, concurrency, seconds) : throughput(client, direct, token, concurrency, seconds);
            double anonymousRps = wrk ? wrk(anonymous, null, concurrency, seconds) : throughput(client, anonymous, null, concurrency, seconds);
            long jitThroughput = BenchProcesses.compilerMillis() - jitBefore;
            jitBefore = BenchProcesses.compilerMillis();
            long[] gcBefore = gc();
            long reclaimBefore = BenchProcesses.kernelReclaimNanos();
            Window gatewayLatency = fixedRate(client, viaGateway, token, rate, seconds);
            Window directLatency = fixedRate(client, direct, token, rate, seconds);
            List<Window> together = FixedRateLoad.run(List.of(viaGateway, direct), token, rate, seconds);
            long jitLatency = BenchProcesses.compilerMillis() - jitBefore;
            long gatewayJit = gateway.jitMillis() - gatewayJitBefore;
            long[] gcAfter = gc();
            long reclaimAfter = BenchProcesses.kernelReclaimNanos();
            String latencyDir = System.getProperty("bench.latencyDir");
            if (latencyDir != null) {
                gatewayLatency.save(Path.of(latencyDir, "through-gateway.txt"));
                directLatency.save(Path.of(latencyDir, "direct.txt"));
                together.get(0).save(Path.of(latencyDir, "together-through-gateway.txt"));
                together.get(1).save(Path.of(latencyDir, "together-direct.txt"));
            }
            String gatewayGc = gateway.gcSummary();

            System.out.printf("%nthroughput, %d concurrent clients, %d s:%n", concurrency, seconds);
            System.out.printf("  through the gateway (token checked): %,.0f requests/s%n", gatewayRps);
            System.out.printf("  direct to the backend:               %,.0f requests/s%n", directRps);
            System.out.printf("  through the gateway, public path (no token): %,.0f requests/s%n", anonymousRps);
            System.out.printf("  gateway CPU per request with token: %.2f ms (%s)%n",
                    gatewayCpu / 1e6 / Math.max(1, gatewayRps * seconds), fork ? "its own process" : "whole JVM");
            System.out.printf("  (JIT compiler of the benchmark's JVM busy %.1f s of these %d s: not yet steady if large;"
                    + " raise -Dbench.warmup)%n", jitThroughput / 1e3, 3 * seconds);
            System.out.printf("%nlatency at %d requests/s for %d s (ms):%n", rate, seconds);
            print("through the gateway", gatewayLatency);
            print("direct              ", directLatency);
            System.out.printf("  added p99 latency: %.2f ms%n", gatewayLatency.addedP99Millis(directLatency));
            System.out.printf("%nlatency at %d requests/s each for %d s, both in one window, requests taking turns (ms):%n",
                    rate, seconds);
            print("through the gateway", together.get(0));
            print("direct              ", together.get(1));
            System.out.printf("  added p99 latency: %.2f ms (what else the machine did in the window fell on both)%n",
                    together.get(0).addedP99Millis(together.get(1)));
            System.out.printf("  (JIT compiler busy %.1f s of these %d s; %d garbage collections, %d ms in all, in the"
                    + " benchmark's JVM, which holds %s the stub and the load generator)%n", jitLatency / 1e3, 3 * seconds,
                    gcAfter[0] - gcBefore[0], gcAfter[1] - gcBefore[1], fork ? "" : "the gateway,");
            if (reclaimBefore >= 0 && reclaimAfter >= 0) {
                System.out.printf("  the kernel's DAMON memory sampler (kdamond) ran for %.2f s of these %d s,"
                        + " outside both JVMs%n", (reclaimAfter - reclaimBefore) / 1e9, 3 * seconds);
            }
            if (gatewayGc != null) {
                System.out.println("  gateway process, whole run: " + gatewayGc);
                System.out.printf("  gateway process's JIT compiler busy %.1f s during the measured %d s%n",
                        gatewayJit / 1e3, 6 * seconds);
            }
        }
        System.exit(0);
    }

    static double throughput(HttpClient client, URI uri, String token, int concurrency, int seconds) throws Exception {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri);
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        long started = System.nanoTime();
        try (var workers = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < concurrency; i++) {
                workers.submit(() -> {
                    while (System.nanoTime() < end) {
                        try {
                            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                            (status == 200 ? ok : failed).incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        if (failed.get() > 0) {
            System.out.println("  (" + failed.get() + " requests to " + uri + " failed)");
        }
        return ok.get() / elapsed;
    }

    /** Collections so far and milliseconds spent in them, all collectors. */
    static long[] gc() {
        long count = 0;
        long millis = 0;
        for (var collector : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
        }
        return new long[] {count, millis};
    }

    static boolean wrkAvailable() {
        if (Boolean.getBoolean("bench.jdkClient")) {
            return false;
        }
        try {
            return new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start().waitFor() >= 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Closed-loop throughput measured by wrk (a C load generator that takes far less CPU than the JDK client). */
    static double wrk(URI uri, String token, int concurrency, int seconds) throws Exception {
        List<String> command = new ArrayList<>(List.of("wrk", "-t1", "-c" + concurrency, "-d" + seconds + "s"));
        if (token != null) {
            command.addAll(List.of("-H", "Authorization: Bearer " + token));
        }
        command.add(uri.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        process.waitFor();
        double rps = 0;
        for (String line : output.split("\n")) {
            if (line.startsWith("Requests/sec:")) {
                rps = Double.parseDouble(line.substring("Requests/sec:".length()).trim());
            }
            if (line.contains("Non-2xx") || line.contains("Socket errors")) {
                System.out.println("  (" + uri + ": " + line.trim() + ")");
            }
        }
        return rps;
    }

    /**
     * What a fixed-rate window measured: the latencies of the requests that succeeded, sorted, and every request's
     * latency in the order sent (-1 for a failed one), {@code interval} nanoseconds apart.
     */
    record Window(long[] sorted, long[] inOrder, long interval) {

        /** The window of these latencies in the order sent (-1: failed); says how many requests to {@code uri} failed. */
        static Window of(long[] inOrder, long interval, URI uri) {
            long[] latencies = Arrays.stream(inOrder).filter(l -> l >= 0).toArray();
            if (latencies.length < inOrder.length) {
                System.out.println("  (" + (inOrder.length - latencies.length) + " of " + inOrder.length
                        + " requests to " + uri + " failed)");
            }
            Arrays.sort(latencies);
            return new Window(latencies, inOrder, interval);
        }

        /** How much higher this window's p99 is than the other's, in milliseconds. */
        double addedP99Millis(Window direct) {
            return (percentile(sorted, 99) - percentile(direct.sorted, 99)) / 1e6;
        }

        /** One line per request in the order sent: its scheduled start (ms into the window) and latency (ms, -1 failed). */
        void save(Path file) throws IOException {
            Files.createDirectories(file.getParent());
            StringBuilder lines = new StringBuilder();
            for (int i = 0; i < inOrder.length; i++) {
                lines.append(String.format("%.3f %.3f%n", i * interval / 1e6, inOrder[i] < 0 ? -1 : inOrder[i] / 1e6));
            }
            Files.writeString(file, lines);
        }

        /**
         * Whether the slowest 1 % came together (a stall of the whole process: collector, safepoint, compiler) or
         * spread over the window (each request waiting its turn for a core): in how many of the window's 100 ms
         * slots the requests slower than the p99 were sent.
         */
        String tailSpread() {
            long p99 = percentile(sorted, 99);
            long perSlot = Math.max(1, 100_000_000L / interval);
            int slow = 0, slots = 0;
            long lastSlot = -1;
            for (int i = 0; i < inOrder.length; i++) {
                if (inOrder[i] > p99) {
                    slow++;
                    if (i / perSlot != lastSlot) {
                        slots++;
                        lastSlot = i / perSlot;
                    }
                }
            }
            return String.format("the %d requests slower than its p99 were sent in %d of the %d 100-ms slots", slow,
                    slots, (inOrder.length + perSlot - 1) / perSlot);
        }
    }

    /**
     * The fixed-rate window, sent by {@link FixedRateLoad} (two threads, one selector) or, with
     * {@code -Dbench.jdkFixedRate=true}, by the JDK client as the sessions before the twelfth measured it.
     */
    static Window fixedRate(HttpClient client, URI uri, String token, int rate, int seconds) throws Exception {
        return Boolean.getBoolean("bench.jdkFixedRate") ? jdkFixedRate(client, uri, token, rate, seconds)
                : FixedRateLoad.run(uri, token, rate, seconds);
    }

    static Window jdkFixedRate(HttpClient client, URI uri, String token, int rate, int seconds) {
        int total = rate * seconds;
        long interval = 1_000_000_000L / rate;
        HttpRequest request = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token).build();
        List<CompletableFuture<Long>> pending = new ArrayList<>(total);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long scheduled = start + i * interval;
            FixedRateLoad.awaitInstant(scheduled);
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                    .thenApply(response -> response.statusCode() == 200 ? System.nanoTime() - scheduled : -1L)
                    .exceptionally(e -> -1L));
        }
        return Window.of(pending.stream().mapToLong(CompletableFuture::join).toArray(), interval, uri);
    }

    static long percentile(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100 * sorted.length) - 1)];
    }

    static void print(String label, Window window) {
        long[] sorted = window.sorted();
        System.out.printf("  %s p50 %.2f  p99 %.2f  max %.2f  (%s)%n", label, percentile(sorted, 50) / 1e6,
                percentile(sorted, 99) / 1e6, sorted[sorted.length - 1] / 1e6, window.tailSpread());
    }
}
