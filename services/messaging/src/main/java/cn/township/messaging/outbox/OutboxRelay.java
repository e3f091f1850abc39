package cn.township.messaging.outbox;

import cn.township.contracts.CloudEventHeaders;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.BulkWriteOptions;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Publishes the events stored in aggregate documents, then removes them from the documents. Writers tell it
 * which document has something new ({@link #publishSoon}); a periodic sweep finds anything left behind (by
 * a crash, another instance or a broker outage). A crash between publish and removal publishes the event
 * again later, never zero times; consumers are idempotent on {@code ce_id}.
 */
public final class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    /** The documents with events to publish; {@link #watch} declares the index that finds them without a scan. */
    private static final String PENDING_ID = OutboxStore.OUTBOX + "." + PendingEvent.FIELD_ID;
    private static final Bson HAS_PENDING = Filters.exists(PENDING_ID);
    /** In a batch of hints: the document's events are read from it (compared by identity). */
    private static final List<Document> READ = Collections.unmodifiableList(new ArrayList<>());

    private final Producer<String, byte[]> producer;
    private final String source;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, MongoCollection<Document>> collections = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<Hint> hints = new LinkedBlockingQueue<>();
    /**
     * The documents the last sweep published from, by collection: a creation's hint queued before the sweep read the
     * document must not publish its events a second time. The relay works off every hint queued before a sweep
     * before it starts the next, so one sweep's documents are all it needs to remember.
     */
    private final Map<String, Set<Object>> swept = new ConcurrentHashMap<>();
    private volatile Consumer<List<PendingEvent>> afterPublish = events -> { };
    private volatile Thread worker;
    private volatile boolean running;
    /** A publish or a write failed since the last sweep. */
    private volatile boolean failedSinceSweep;
    /** The last sweep found events older than a sweep interval (left behind by a crash or another instance). */
    private volatile boolean foundLeftovers;

    public OutboxRelay(Producer<String, byte[]> producer, String source, Settings settings) {
        this(producer, source, settings, Clock.systemUTC());
    }

    /** @param clock the clock the writers stamp events with (to tell events left behind from events in flight) */
    public OutboxRelay(Producer<String, byte[]> producer, String source, Settings settings, Clock clock) {
        this.producer = producer;
        this.source = source;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * How often the relay sweeps, how many documents it takes at once, how long it waits for the broker. A sweep
     * reads every document of the collections (without an index on the outbox, as on the embedded MongoDB-wire
     * server, it holds up their writes for as long as that takes), and while sweeps find nothing left behind and no
     * publish failed, the interval doubles up to {@code maxSweepInterval}; anything found or failed resets it.
     */
    public record Settings(Duration sweepInterval, int batchSize, Duration sendTimeout, Duration maxSweepInterval) {
        public Settings {
            if (maxSweepInterval.compareTo(sweepInterval) < 0) {
                maxSweepInterval = sweepInterval;
            }
        }

        public static Settings defaults() {
            return new Settings(Duration.ofSeconds(30), 500, Duration.ofSeconds(30), Duration.ofMinutes(10));
        }
    }

    void watch(MongoCollection<Document> collection) {
        if (collections.putIfAbsent(collection.getNamespace().getCollectionName(), collection) == null) {
            // sparse: only documents with pending events are in it, so a sweep reads those, not the collection
            collection.createIndex(Indexes.ascending(PENDING_ID), new IndexOptions().sparse(true));
        }
    }

    /** A document has new events: publish them as soon as possible (the relay reads them from the document). */
    public void publishSoon(String collection, Object id) {
        hints.offer(new Hint(collection, id, null));
    }

    /**
     * A document was just created with these outbox entries: publish them as soon as possible, without reading them
     * back. The entries are the document's whole outbox as written, so nothing older can be waiting before them; a
     * write to the same document in the same batch makes the relay read the document instead.
     */
    void publishCreated(String collection, Object id, List<Document> outbox) {
        hints.offer(new Hint(collection, id, outbox));
    }

    /** Test hook: runs after the broker acknowledged a batch and before it is removed from the documents. */
    void afterPublish(Consumer<List<PendingEvent>> hook) {
        this.afterPublish = hook;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("outbox-relay").daemon().start(this::run);
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        long nextSweep = 0;
        Duration interval = settings.sweepInterval();
        while (running) {
            try {
                if (System.nanoTime() >= nextSweep) {
                    publishQueued();
                    swept.clear();
                    boolean failed = failedSinceSweep;
                    failedSinceSweep = false;
                    foundLeftovers = false;
                    sweep();
                    // events written moments ago and not yet published are in flight, not left behind
                    boolean clean = !failed && !failedSinceSweep && !foundLeftovers;
                    interval = clean ? min(interval.multipliedBy(2), settings.maxSweepInterval()) : settings.sweepInterval();
                    nextSweep = System.nanoTime() + interval.toNanos();
                }
                Hint first = hints.poll(Math.max(1, (nextSweep - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
                if (first != null) {
                    List<Hint> batch = new ArrayList<>();
                    batch.add(first);
                    hints.drainTo(batch, settings.batchSize() * 4);
                    publishHinted(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RelayStopped e) {
                log.warn("outbox relay stopped by its test hook");
                running = false;
                return;
            } catch (RuntimeException e) {
                log.warn("outbox relay: {} (will retry)", e.toString());
                failedSinceSweep = true;
                nextSweep = System.nanoTime() + Duration.ofMillis(500).toNanos();
            }
        }
    }

    /** Publishes everything pending in every watched collection; returns how many events went out. */
    public int sweep() {
        int published = 0;
        Instant leftBehind = clock.instant().minus(settings.sweepInterval());
        for (MongoCollection<Document> collection : collections.values()) {
            List<Document> docs;
            int round;
            do {
                docs = collection.find(HAS_PENDING).projection(Projections.include(OutboxStore.OUTBOX))
                        .limit(settings.batchSize()).into(new ArrayList<>());
                if (docs.stream().anyMatch(d -> waitingSince(d).isBefore(leftBehind))) {
                    foundLeftovers = true;
                }
                Set<Object> ids = swept.computeIfAbsent(collection.getNamespace().getCollectionName(),
                        c -> ConcurrentHashMap.newKeySet());
                docs.forEach(d -> ids.add(d.get("_id")));
                round = publish(collection, docs);
                published += round;
            } while (docs.size() == settings.batchSize() && round > 0 && running);
        }
        return published;
    }

    /** Works off the hints queued so far (not those that keep arriving meanwhile), a batch at a time. */
    private void publishQueued() {
        for (int left = hints.size(); left > 0; ) {
            List<Hint> batch = new ArrayList<>();
            hints.drainTo(batch, Math.min(left, settings.batchSize() * 4));
            if (batch.isEmpty()) {
                return;
            }
            left -= batch.size();
            publishHinted(batch);
        }
    }

    private void publishHinted(List<Hint> batch) {
        Map<String, Map<Object, List<Document>>> byCollection = new LinkedHashMap<>();
        for (Hint hint : batch) {
            // an id's events come from its hint only if every hint for it in the batch is a creation no sweep published
            Map<Object, List<Document>> ids = byCollection.computeIfAbsent(hint.collection(), c -> new LinkedHashMap<>());
            boolean read = hint.created() == null || swept.getOrDefault(hint.collection(), Set.of()).contains(hint.id());
            ids.merge(hint.id(), read ? READ : hint.created(), (a, b) -> READ);
        }
        byCollection.forEach((name, ids) -> {
            MongoCollection<Document> collection = collections.get(name);
            if (collection != null) {
                List<Document> docs = new ArrayList<>();
                List<Object> toRead = new ArrayList<>();
                ids.forEach((id, created) -> {
                    if (created == READ) {
                        toRead.add(id);
                    } else {
                        docs.add(new Document("_id", id).append(OutboxStore.OUTBOX, created));
                    }
                });
                if (!toRead.isEmpty()) {
                    // by primary key only: on the embedded server any other condition turns this into a scan
                    collection.find(Filters.in("_id", toRead)).projection(Projections.include(OutboxStore.OUTBOX))
                            .into(docs);
                }
                docs.removeIf(d -> d.getList(OutboxStore.OUTBOX, Document.class, List.of()).isEmpty());
                publish(collection, docs);
            }
        });
    }

    private int publish(MongoCollection<Document> collection, List<Document> docs) {
        if (docs.isEmpty()) {
            return 0;
        }
        Map<Object, List<PendingEvent>> byDoc = new LinkedHashMap<>();
        Map<Object, List<Future<RecordMetadata>>> sends = new LinkedHashMap<>();
        for (Document doc : docs) {
            List<PendingEvent> events = doc.getList(OutboxStore.OUTBOX, Document.class).stream()
                    .map(PendingEvent::fromDocument).toList();
            byDoc.put(doc.get("_id"), events);
            sends.put(doc.get("_id"), events.stream().map(e -> producer.send(record(e))).toList());
        }
        List<UpdateOneModel<Document>> removals = new ArrayList<>();
        List<PendingEvent> acknowledged = new ArrayList<>();
        for (var entry : sends.entrySet()) {
            List<String> done = new ArrayList<>();
            List<PendingEvent> events = byDoc.get(entry.getKey());
            for (int i = 0; i < events.size(); i++) {
                if (!acknowledged(entry.getValue().get(i))) {
                    break; // keep order: the rest of this document's events wait for the next round
                }
                done.add(events.get(i).id());
                acknowledged.add(events.get(i));
            }
            if (!done.isEmpty()) {
                removals.add(new UpdateOneModel<>(Filters.eq("_id", entry.getKey()),
                        Updates.pullByFilter(new Document(OutboxStore.OUTBOX,
                                new Document(PendingEvent.FIELD_ID, new Document("$in", done))))));
            }
        }
        afterPublish.accept(acknowledged);
        if (!removals.isEmpty()) {
            collection.bulkWrite(removals, new BulkWriteOptions().ordered(false));
        }
        return acknowledged.size();
    }

    private boolean acknowledged(Future<RecordMetadata> send) {
        try {
            send.get(settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            log.warn("outbox relay: publish not acknowledged, will retry: {}", e.toString());
            failedSinceSweep = true;
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private ProducerRecord<String, byte[]> record(PendingEvent e) {
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        header(headers, CloudEventHeaders.ID, e.id());
        header(headers, CloudEventHeaders.TYPE, e.ceType());
        header(headers, CloudEventHeaders.SOURCE, source);
        header(headers, CloudEventHeaders.SUBJECT, e.subject());
        header(headers, CloudEventHeaders.TIME, e.time().toString());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        header(headers, CloudEventHeaders.TRACEPARENT, e.traceparent());
        return new ProducerRecord<>(e.topic(), null, e.key(), e.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** When the document's oldest pending event was written. */
    private static Instant waitingSince(Document doc) {
        List<Document> pending = doc.getList(OutboxStore.OUTBOX, Document.class, List.of());
        return pending.isEmpty() ? Instant.MAX : pending.getFirst().getDate("time").toInstant();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }

    /** @param created the outbox of a document this write created, or null: read the document */
    private record Hint(String collection, Object id, List<Document> created) {
    }

    /** Thrown by a test hook to stop the relay dead, as a crash would. */
    static final class RelayStopped extends RuntimeException {
        RelayStopped() {
            super("relay stopped");
        }
    }
}
