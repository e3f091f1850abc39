package cn.township.gateway.bench;

import cn.township.gateway.GatewayApplication;
import cn.township.infra.testing.BenchProcesses;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The gateway being measured: by default its own JVM, as it is deployed (so its compiler, collector and event
 * loops are its own, and the stub backend and the load generator run outside it); with
 * {@code -Dbench.inProcess=true}, inside the benchmark's JVM as before.
 */
interface Gateway extends AutoCloseable {

    int port();

    String describe();

    /** CPU time used by the gateway so far (for the in-process gateway: the whole JVM's). */
    long cpuNanos();

    /** The gateway process's collections over the whole run, or null when it is not a process of its own. */
    @Nullable String gcSummary();

    /** Milliseconds the gateway's JIT compiler has worked so far (-1 if unknown). */
    long jitMillis();

    @Override
    void close();

    static Gateway inProcess(String backend, List<String> arguments) {
        List<String> all = new ArrayList<>(arguments);
        all.add("--server.port=0");
        all.add("--INTAKE_URI=" + backend);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(GatewayApplication.class)
                .run(all.toArray(String[]::new));
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new Gateway() {
            public int port() {
                return port;
            }

            public String describe() {
                return "in the benchmark's JVM (-Dbench.inProcess=true)";
            }

            public long cpuNanos() {
                return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                        .getOperatingSystemMXBean()).getProcessCpuTime();
            }

            public @Nullable String gcSummary() {
                return null;
            }

            public long jitMillis() {
                return BenchProcesses.compilerMillis();
            }

            public void close() {
                context.close();
            }
        };
    }

    /**
     * The gateway's JVM options in {@code ./platform} (its {@code GATEWAY_JAVA_OPTS} default): the young generation
     * is half the heap, as the gateway's garbage is per request (at 500 requests/s a third of a 320 MB heap's
     * default young generation filled every 0.8 s), and the parallel collector copies it with both cores (young
     * pauses 1.5-5 ms where the serial one took 5-13 ms).
     */
    static final String DEFAULT_JVM = "-Xms320m -Xmx320m -Xmn160m -XX:+UseParallelGC";

    /**
     * Starts the gateway in a JVM of its own with the JVM options of {@code -Dbench.gatewayJvm} (default
     * {@link #DEFAULT_JVM}) and waits until it listens.
     */
    static Gateway process(String backend, List<String> arguments) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Files.createTempFile("gateway-bench", ".log");
        Path gcLog = Files.createTempFile("gateway-bench-gc", ".log");
        String jvm = System.getProperty("bench.gatewayJvm", DEFAULT_JVM);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(jvm.trim().split("\\s+")).filter(a -> !a.isEmpty()).toList());
        command.add("-Xlog:gc:file=" + gcLog);
        command.add("-cp");
        command.add(classpath());
        command.add(GatewayApplication.class.getName());
        command.addAll(arguments);
        command.add("--server.port=" + port);
        command.add("--INTAKE_URI=" + backend);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Gateway gateway = new Gateway() {
            public int port() {
                return port;
            }

            public String describe() {
                return "its own JVM (pid " + process.pid() + ", " + jvm + "; -Dbench.inProcess=true runs it inside"
                        + " the benchmark's JVM)";
            }

            public long cpuNanos() {
                return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            }

            public @Nullable String gcSummary() {
                return summarizeGc(gcLog);
            }

            public long jitMillis() {
                return BenchProcesses.compilerMillis(process.toHandle());
            }

            public void close() {
                process.destroy();
                try {
                    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                        process.destroyForcibly();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.destroyForcibly();
                }
            }
        };
        try {
            BenchProcesses.awaitListening("gateway", process, port, Duration.ofSeconds(180));
        } catch (IllegalStateException e) {
            gateway.close();
            throw new IllegalStateException(e.getMessage() + ":\n" + Files.readString(log), e);
        }
        return gateway;
    }

    /** The classpath the benchmark runs with (exec:java gives it a class loader of its own, not java.class.path). */
    private static String classpath() {
        if (Thread.currentThread().getContextClassLoader() instanceof URLClassLoader loader) {
            return Arrays.stream(loader.getURLs()).map(Gateway::file).collect(Collectors.joining(File.pathSeparator));
        }
        return System.getProperty("java.class.path");
    }

    private static String file(URL url) {
        try {
            return Path.of(url.toURI()).toString();
        } catch (Exception e) {
            throw new IllegalStateException("not a file on the classpath: " + url, e);
        }
    }

    /** Counts the pauses in a unified GC log ({@code -Xlog:gc}): how many, their total and the longest. */
    private static String summarizeGc(Path gcLog) {
        try {
            int pauses = 0;
            double total = 0;
            double longest = 0;
            for (String line : Files.readAllLines(gcLog)) {
                if (line.contains("Pause") && line.endsWith("ms")) {
                    double ms = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1, line.length() - 2));
                    pauses++;
                    total += ms;
                    longest = Math.max(longest, ms);
                }
            }
            return String.format("%d collector pauses, %.0f ms in all, longest %.1f ms (gc log %s)", pauses, total,
                    longest, gcLog);
        } catch (IOException | RuntimeException e) {
            return "gc log unreadable: " + e;
        }
    }
}
