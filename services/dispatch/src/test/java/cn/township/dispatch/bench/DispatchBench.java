package cn.township.dispatch.bench;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventJson;
import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.contracts.intake.TicketReceived;
import cn.township.dispatch.DispatchApplication;
import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseChange;
import cn.township.dispatch.caserecord.CaseFacts;
import cn.township.dispatch.caserecord.DeadlineTerms;
import cn.township.dispatch.caserecord.Routing;
import cn.township.dispatch.it.Tickets;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.dispatch.sla.DeadlineScheduler;
import cn.township.infra.testing.SlowBursts;
import cn.township.infra.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Dispatch benchmark against the real (local) Kafka broker and MongoDB-wire server, after a warm-up of
 * {@code --warmup-seconds} (default 60) of both loads below:
 * <ol>
 *   <li>latency: TicketReceived at {@code --rate} per second; TicketReceived sent → CaseOpened received, p50/p99;</li>
 *   <li>throughput: TicketReceived published as fast as the producer goes for {@code --seconds}; cases opened
 *       per second, counted from CaseOpened on dispatch.cases.v1;</li>
 *   <li>timers: {@code --cases} open cases, {@code --due} of them with a warning due in the next minute; how late
 *       each warning fires after its due time.</li>
 * </ol>
 * {@code --phases} names the phases to run, in order. Run: see services/dispatch/README.md.
 */
public final class DispatchBench {

    /** A TicketReceived → CaseOpened slower than this is listed with when it was sent. */
    private static final Duration SLOW = Duration.ofMillis(100);

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = options(args);
        int seconds = Integer.parseInt(opts.getOrDefault("seconds", "60"));
        int rate = Integer.parseInt(opts.getOrDefault("rate", "200"));
        int latencySeconds = Integer.parseInt(opts.getOrDefault("latency-seconds", "30"));
        int openCases = Integer.parseInt(opts.getOrDefault("cases", "100000"));
        int due = Integer.parseInt(opts.getOrDefault("due", "2000"));
        String phases = opts.getOrDefault("phases", "latency,throughput,timers");
        int warmupSeconds = Integer.parseInt(opts.getOrDefault("warmup-seconds", "60"));

        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        String database = "dispatch-bench-" + UUID.randomUUID().toString().substring(0, 8);
        ConfigurableApplicationContext app = new SpringApplicationBuilder(DispatchApplication.class).run(
                "--spring.kafka.bootstrap-servers=" + bootstrap, "--spring.mongodb.uri=" + TestInfrastructure.mongoUri(database),
                "--server.port=0", "--township.dispatch.consumer-group=bench-" + UUID.randomUUID(),
                "--township.messaging.concurrency=" + opts.getOrDefault("concurrency", "3"), "--logging.level.root=WARN");
        try (var producer = producer(bootstrap); var opened = new Opened(bootstrap)) {
            opened.start();
            if (warmupSeconds > 0) {
                // steady state, as an instance that has been up for a while runs: the just-started JVM compiles the
                // consumer's path for tens of seconds (the compiler threads take a core meanwhile)
                throughput("WARM-UP", producer, opened, warmupSeconds);
                latency("WARM-UP", producer, opened, rate, Math.min(10, warmupSeconds));
            }
            // in the order given: what the latency window sees depends on what is stored before it
            for (String phase : phases.split(",")) {
                switch (phase.trim()) {
                    case "throughput" -> throughput("THROUGHPUT", producer, opened, seconds);
                    case "latency" -> latency("LATENCY", producer, opened, rate, latencySeconds);
                    case "timers" -> timers(app.getBean(CaseRepository.class), app.getBean(DeadlineScheduler.class),
                            opened, openCases, due);
                    default -> throw new IllegalArgumentException("unknown phase " + phase);
                }
            }
        } finally {
            app.close();
        }
        System.exit(0);
    }

    static void throughput(String label, KafkaProducer<String, byte[]> producer, Opened opened, int seconds)
            throws Exception {
        long before = opened.count.get();
        long sent = 0;
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(seconds).toNanos();
        List<Long> perSecond = new ArrayList<>();
        long lastCount = before;
        long nextTick = start + 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (int i = 0; i < 200; i++) {
                send(producer, Tickets.general(Tickets.newId(), Instant.now()), null);
                sent++;
            }
            // keep the backlog bounded so the figure is what the consumer sustains, not what the producer buffers
            long sentSoFar = sent;
            opened.await(() -> sentSoFar - (opened.count.get() - before) <= 20_000, end);
            if (System.nanoTime() >= nextTick) {
                long c = opened.count.get();
                perSecond.add(c - lastCount);
                lastCount = c;
                nextTick += 1_000_000_000L;
            }
        }
        producer.flush();
        long openedInWindow = opened.count.get() - before;
        double elapsed = (System.nanoTime() - start) / 1e9;
        long sentInAll = sent;
        opened.await(() -> opened.count.get() - before >= sentInAll, System.nanoTime() + Duration.ofSeconds(120).toNanos());
        double total = (System.nanoTime() - start) / 1e9;
        System.out.printf(label + " sent=%d in %.1fs; opened within window=%d (%.0f/s); all %d opened after %.1fs (%.0f/s overall); per-second min=%d max=%d%n",
                sent, elapsed, openedInWindow, openedInWindow / elapsed, opened.count.get() - before, total,
                (opened.count.get() - before) / total,
                perSecond.stream().skip(2).mapToLong(Long::longValue).min().orElse(0),
                perSecond.stream().mapToLong(Long::longValue).max().orElse(0));
    }

    static void latency(String label, KafkaProducer<String, byte[]> producer, Opened opened, int rate, int seconds)
            throws Exception {
        opened.latencies.clear();
        opened.slow = new SlowBursts(SLOW);
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            while (System.nanoTime() < next) {
                Thread.onSpinWait();
            }
            String id = Tickets.newId();
            opened.sentAt.put("C-" + id, System.nanoTime());
            send(producer, Tickets.general(id, Instant.now()), null);
            next += intervalNanos;
        }
        opened.await(() -> opened.latencies.size() >= total, System.nanoTime() + Duration.ofSeconds(60).toNanos());
        long[] sorted = opened.latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf(label + " %d/s for %ds: %d measured; p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms%n", rate,
                seconds, sorted.length, pct(sorted, 50), pct(sorted, 95), pct(sorted, 99),
                sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6);
        System.out.println(label + "   " + opened.slow.describe("TicketReceived → CaseOpened"));
    }

    static void timers(CaseRepository cases, DeadlineScheduler scheduler, Opened opened, int count, int dueSoon)
            throws Exception {
        Instant now = Instant.now();
        long t0 = System.nanoTime();
        List<Case> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(openCase(now, i, Duration.ofDays(2).toMillis() + i));
            if (batch.size() == 1000) {
                cases.insertAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            cases.insertAll(batch);
        }
        System.out.printf("TIMERS inserted %d open cases (timers days away) in %.1fs%n", count,
                (System.nanoTime() - t0) / 1e9);
        Instant soonFrom = Instant.now();
        for (int i = 0; i < dueSoon; i++) {
            insertOpenCase(cases, opened, soonFrom, count + i, true);
        }
        System.out.printf("TIMERS then %d more cases with a warning due 20-80 s later (inserted in %.1fs)%n", dueSoon,
                Duration.between(soonFrom, Instant.now()).toMillis() / 1e3);
        // what an instance does at start and every rescan interval: read every pending timer
        long scan = System.nanoTime();
        int pending = scheduler.rescan();
        System.out.printf("TIMERS rescan (start-up, and every rescan interval) read the %d timers due within its window in %.0f ms%n",
                pending, (System.nanoTime() - scan) / 1e6);
        opened.await(() -> opened.lateness.size() >= dueSoon, System.nanoTime() + Duration.ofSeconds(150).toNanos());
        long[] late = opened.lateness.stream().mapToLong(Long::longValue).sorted().toArray();
        System.out.printf("TIMERS %d of %d warnings fired; lateness after due time: p50=%.0fms p99=%.0fms max=%.0fms; within 1 s: %d%n",
                late.length, dueSoon, pct(late, 50), pct(late, 99), late.length == 0 ? 0 : late[late.length - 1] / 1e6,
                Arrays.stream(late).filter(l -> l <= 1_000_000_000L).count());
    }

    private static void insertOpenCase(CaseRepository cases, Opened opened, Instant now, int i, boolean soon) {
        // a warning at 50 % of the first-contact time, due 20-80 s from now
        long warnAfterMs = 20_000 + ThreadLocalRandom.current().nextLong(60_000);
        Case c = openCase(now, i, warnAfterMs);
        cases.insert(new CaseChange(c, c, List.of()));
        opened.warnDue.put(c.id(), now.plusMillis(warnAfterMs));
    }

    private static Case openCase(Instant now, int i, long warnAfterMs) {
        DeadlineTerms terms = new DeadlineTerms("bench", Duration.ofMillis(warnAfterMs * 2), Duration.ofDays(30), List.of(0.5));
        CaseFacts facts = new CaseFacts("HOTLINE_12345", "COMPLAINT", "bench", "NORMAL", false, "bench", null,
                "nancha", null, null);
        String ticket = "B" + i + "-" + UUID.randomUUID().toString().substring(0, 6);
        return Case.open(ticket, facts, new Routing("construction", "nancha", "leader"), now, terms, now).after();
    }

    private static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    static void send(KafkaProducer<String, byte[]> producer, TicketReceived t, String ceId) {
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.ID, (ceId != null ? ceId : UUID.randomUUID().toString()).getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.TYPE, "ticket.intake.TicketReceived.v1".getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.SOURCE, "/bench".getBytes(StandardCharsets.UTF_8));
        h.add(CloudEventHeaders.SUBJECT, t.ticketId().getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(Topics.INTAKE_TICKETS, null, t.ticketId(), EventJson.write(t), h));
    }

    static KafkaProducer<String, byte[]> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Reads dispatch.cases.v1: counts CaseOpened, measures latencies and timer lateness. */
    static final class Opened implements AutoCloseable {
        final AtomicLong count = new AtomicLong();
        final Map<String, Long> sentAt = new ConcurrentHashMap<>();
        final List<Long> latencies = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile SlowBursts slow = new SlowBursts(SLOW);
        final Map<String, Instant> warnDue = new ConcurrentHashMap<>();
        final List<Long> lateness = java.util.Collections.synchronizedList(new ArrayList<>());
        private final KafkaConsumer<String, byte[]> consumer;
        private volatile boolean running = true;
        private Thread thread;

        Opened(String bootstrap) {
            consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        }

        void start() {
            var partitions = consumer.partitionsFor(Topics.DISPATCH_CASES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = Thread.ofPlatform().name("bench-reader").start(this::run);
        }

        /** Waits until {@code done} holds (checked after each poll that brought records) or {@code deadline} passes. */
        synchronized void await(java.util.function.BooleanSupplier done, long deadline) throws InterruptedException {
            long left;
            while (!done.getAsBoolean() && (left = deadline - System.nanoTime()) > 0) {
                java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        private synchronized void progressed() {
            notifyAll();
        }

        private void run() {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(50));
                if (records.isEmpty()) {
                    continue;
                }
                for (ConsumerRecord<String, byte[]> r : records) {
                    long now = System.nanoTime();
                    String type = new String(r.headers().lastHeader(CloudEventHeaders.TYPE).value(), StandardCharsets.UTF_8);
                    if (type.equals("case.dispatch.CaseOpened.v1")) {
                        count.incrementAndGet();
                        Long sent = sentAt.remove(r.key());
                        if (sent != null) {
                            latencies.add(now - sent);
                            slow.record(sent, now - sent);
                        }
                    } else if (type.equals("case.dispatch.SlaWarning.v1")) {
                        Instant due = warnDue.remove(r.key());
                        if (due != null) {
                            SlaWarning w = EventJson.read(r.value(), SlaWarning.class);
                            lateness.add(Duration.between(due, w.at()).toNanos());
                        }
                    }
                }
                progressed();
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
            consumer.close();
        }
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            m.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return m;
    }
}
