package cn.township.infra.testing;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a benchmark main reads off the processes it measures: this JVM (the service under test) and its children
 * (the local Kafka, MongoDB-wire server and Keycloak the test support started), their CPU time, this JVM's compiler
 * time, and flight recordings of a measured window in each.
 */
public final class BenchProcesses {

    private BenchProcesses() {
    }

    /** This JVM (named {@code service}) and its child processes, by name ({@code kafka}, {@code mongodb}, ...). */
    public static Map<String, ProcessHandle> processes() {
        Map<String, ProcessHandle> processes = new TreeMap<>();
        processes.put("service", ProcessHandle.current());
        ProcessHandle.current().children().forEach(p -> {
            String name = name(p);
            // a second child of the same kind keeps an entry (and its CPU) of its own, named with its pid
            processes.put(processes.containsKey(name) ? name + "-" + p.pid() : name, p);
        });
        return processes;
    }

    /** CPU time used so far by each of {@link #processes()}, in nanoseconds. */
    public static Map<String, Long> cpu() {
        Map<String, Long> cpu = new TreeMap<>();
        processes().forEach((name, p) -> cpu.put(name, p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L)));
        return cpu;
    }

    /** CPU time each process used since {@code before} (a result of {@link #cpu()}), in nanoseconds. */
    public static Map<String, Long> cpuSince(Map<String, Long> before) {
        Map<String, Long> used = new TreeMap<>();
        cpu().forEach((name, nanos) -> used.put(name, nanos - before.getOrDefault(name, 0L)));
        return used;
    }

    /** The sum of a result of {@link #cpuSince}, in seconds. */
    public static double totalSeconds(Map<String, Long> used) {
        return used.values().stream().mapToLong(Long::longValue).sum() / 1e9;
    }

    /** "service 0.41 ms, kafka 0.10 ms, ..." : CPU per unit of work by process, for {@code units} units. */
    public static String perUnit(Map<String, Long> used, long units) {
        return String.join(", ", used.entrySet().stream()
                .map(e -> String.format("%s %.2f ms", e.getKey(), e.getValue() / 1e6 / Math.max(1, units))).toList());
    }

    /**
     * CPU time the kernel's DAMON threads ({@code kdamond}) have used so far, in nanoseconds, or -1 where none runs.
     * On this kind of machine one samples the guest's memory every 512 ms for the host's page reclaim and takes a core
     * for 2-18 ms each time: requests in flight then share the other core, which shows in a p99 of a few ms.
     */
    public static long kernelReclaimNanos() {
        Path kdamonds = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
        if (!Files.isDirectory(kdamonds)) {
            return -1;
        }
        long total = -1;
        try (var dirs = Files.list(kdamonds)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                String pid = Files.readString(dir.resolve("pid")).trim();
                if (!pid.isEmpty() && !"-1".equals(pid)) {
                    String run = Files.readString(Path.of("/proc", pid, "schedstat")).split(" ")[0];
                    total = Math.max(total, 0) + Long.parseLong(run);
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return total;
    }

    /** Milliseconds this JVM's JIT compilers have spent so far (their threads' time, summed). */
    public static long compilerMillis() {
        var compiler = ManagementFactory.getCompilationMXBean();
        return compiler != null && compiler.isCompilationTimeMonitoringSupported()
                ? compiler.getTotalCompilationTime() : 0;
    }

    /**
     * Waits until a process a benchmark started listens on its port (as the test support waits for its launchers).
     *
     * @throws IllegalStateException when it exits first or does not listen in time
     */
    public static void awaitListening(String name, Process process, int port, Duration timeout) {
        LocalProcess.awaitPort(name, process, port, timeout);
    }

    /**
     * Milliseconds another JVM's JIT compilers have spent so far, from its performance counters
     * ({@code jcmd PID PerfCounter.print}); -1 when they cannot be read.
     */
    public static long compilerMillis(ProcessHandle jvm) {
        try {
            Process jcmd = new ProcessBuilder(jcmd(), Long.toString(jvm.pid()), "PerfCounter.print")
                    .redirectErrorStream(true).start();
            long ticks = -1;
            long frequency = -1;
            for (String line : new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("java.ci.totalTime=")) {
                    ticks = Long.parseLong(line.substring("java.ci.totalTime=".length()).trim());
                } else if (line.startsWith("sun.os.hrt.frequency=")) {
                    frequency = Long.parseLong(line.substring("sun.os.hrt.frequency=".length()).trim());
                }
            }
            jcmd.waitFor();
            return ticks < 0 || frequency <= 0 ? -1 : ticks * 1000 / frequency;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * Runs a JFR diagnostic command in this JVM and in each child process; a {@code filename=DIR} argument becomes
     * one file per process in DIR, named after it.
     */
    public static void jcmd(String command, String... arguments) throws IOException, InterruptedException {
        for (var process : processes().entrySet()) {
            List<String> line = new ArrayList<>(List.of(jcmd(), Long.toString(process.getValue().pid()), command));
            for (String argument : arguments) {
                line.add(argument.startsWith("filename=") ? argument + "/" + process.getKey() + ".jfr" : argument);
            }
            new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start()
                    .waitFor();
        }
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    private static String name(ProcessHandle p) {
        String command = commandLine(p);
        return command.contains("LocalMongo") ? "mongodb" : command.contains("LocalKafka") ? "kafka"
                : command.contains("keycloak") || command.contains("quarkus") ? "keycloak" : "pid-" + p.pid();
    }

    /** A child's command line (the JDK drops the arguments of a long one, so /proc is read first where there is one). */
    private static String commandLine(ProcessHandle p) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(p.pid()), "cmdline")),
                    StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException | RuntimeException e) {
            return p.info().commandLine().orElse("");
        }
    }
}
