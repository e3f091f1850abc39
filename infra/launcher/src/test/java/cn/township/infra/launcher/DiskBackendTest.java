package cn.township.infra.launcher;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The on-disk backend keeps what it is given across restarts, opens a data file written by the library's own H2
 * backend, and its unique indexes find and enforce exactly what they did.
 */
class DiskBackendTest {

    @TempDir
    Path dir;

    private String file() {
        return dir.resolve("mongo.mv").toString();
    }

    private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> work) {
        MongoServer server = new MongoServer(backend);
        var address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort() + "/?uuidRepresentation=standard")) {
            work.accept(client.getDatabase("intake").getCollection("tickets"));
        } finally {
            server.shutdown();
        }
    }

    private static Document ticket(int i) {
        return new Document("_id", "T-" + i).append("ticketNo", "12345-" + i).append("version", (long) i)
                .append("receivedAt", Date.from(Instant.parse("2026-11-28T08:00:00Z").plusSeconds(i)))
                .append("score", i / 4.0).append("count", i).append("confidential", i % 2 == 0)
                .append("note", i % 3 == 0 ? null : "第" + i + "件")
                .append("complainant", new Document("name", "张三").append("phone", new Binary(new byte[] {1, 2, (byte) i})))
                .append("tags", List.of("road", i, new Document("k", List.of(1L, 2.5))))
                .append("ref", new ObjectId(new Date(1_795_000_000_000L), i)).append("uuid", new UUID(i, -i))
                .append("amount", new Decimal128(new BigDecimal("12.34")))
                .append("outbox", List.of(new Document("id", "e-" + i).append("type", "TicketReceived")));
    }

    @Test
    void documentsOfEveryKindSurviveARestartUnchanged() {
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            written.add(ticket(i));
        }
        with(DiskBackend.open(file(), 1), tickets -> tickets.insertMany(written));
        with(DiskBackend.open(file(), 1), tickets -> {
            assertThat(tickets.find().sort(new Document("version", 1)).into(new ArrayList<>())).isEqualTo(written);
            tickets.updateOne(Filters.eq("_id", "T-7"), Updates.pull("outbox", new Document("id", "e-7")));
        });
        with(DiskBackend.open(file(), 1), tickets ->
                assertThat(tickets.find(Filters.eq("_id", "T-7")).first()).isEqualTo(ticket(7).append("outbox", List.of())));
    }

    @Test
    void aDataFileOfTheLibrarysOwnBackendOpensWithItsDocumentsAndIndexes() {
        List<Document> written = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            written.add(ticket(i));
        }
        with(new H2Backend(file()), tickets -> {
            tickets.createIndex(Indexes.ascending("ticketNo"), new IndexOptions().unique(true));
            tickets.insertMany(written);
        });
        with(DiskBackend.open(file(), 1), tickets -> {
            assertThat(tickets.countDocuments()).isEqualTo(300);
            assertThat(tickets.find(Filters.eq("ticketNo", "12345-42")).first()).isEqualTo(ticket(42));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "T-new").append("ticketNo", "12345-42")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "T-1").append("ticketNo", "other")))
                    .isInstanceOf(MongoWriteException.class);
            tickets.updateOne(Filters.eq("_id", "T-5"), Updates.set("ticketNo", "12345-new"));
            tickets.insertOne(new Document("_id", "T-300").append("ticketNo", "12345-5"));
        });
        with(DiskBackend.open(file(), 1), tickets -> {
            assertThat(tickets.countDocuments()).isEqualTo(301);
            assertThat(tickets.find(Filters.eq("ticketNo", "12345-new")).first()).containsEntry("_id", "T-5");
            assertThat(tickets.find(Filters.eq("ticketNo", "12345-5")).first()).containsEntry("_id", "T-300");
            assertThat(tickets.find(Filters.eq("ticketNo", "12345-299")).first()).isEqualTo(ticket(299));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "T-dup").append("ticketNo", "12345-new")))
                    .isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void aRestartReadsIndexesNotTheWholeCollection() {
        // every index the services declare: the _id index, a sparse unique index no document has a value for yet,
        // and secondary indexes, which the server does not keep
        with(DiskBackend.open(file(), 1), tickets -> {
            tickets.createIndex(Indexes.ascending("mergedInto"), new IndexOptions().unique(true).sparse(true));
            tickets.createIndex(Indexes.ascending("dueAt"));
            tickets.createIndex(Indexes.ascending("village"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                batch.add(ticket(i).append("content", "路灯不亮，".repeat(100)).append("village", "南岔村"));
            }
            tickets.insertMany(batch);
        });
        long fileBytes = new java.io.File(file()).length();
        DiskBackend reopened = DiskBackend.open(file(), 1);
        long readAtOpen = reopened.getMvStore().getFileStore().getReadBytes();
        with(reopened, tickets -> {
            assertThat(tickets.countDocuments()).isEqualTo(4_000);
            tickets.insertOne(new Document("_id", "T-merged").append("mergedInto", "T-1"));
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "T-again").append("mergedInto", "T-1")))
                    .as("the sparse unique index still enforces").isInstanceOf(MongoWriteException.class);
            assertThat(tickets.find(Filters.eq("village", "南岔村")).into(new ArrayList<>())).hasSize(4_000);
        });
        assertThat(readAtOpen).as("bytes read opening a %d-byte file", fileBytes).isLessThan(fileBytes / 10);
    }

    /** A case as the services write them: a village, departments in an array, a timer, maybe pending events. */
    private static Document kase(int i) {
        Document doc = new Document("_id", "C-" + i).append("village", i % 5 == 0 ? null : "V" + (i % 7))
                .append("agencies", i % 11 == 0 ? List.of() : List.of("police", "A" + (i % 3)))
                .append("score", i % 4 == 0 ? (Object) (i % 10) : i % 4 == 1 ? (Object) (long) (i % 10) : (Object) (i % 10 + 0.0))
                .append("outbox", i % 50 == 0 ? List.of(new Document("id", "e-" + i), new Document("id", "f-" + i)) : List.of())
                .append("pad", "派单".repeat(200));
        if (i % 3 != 0) {
            doc.append("nextTimerAt", Date.from(Instant.parse("2026-11-28T00:00:00Z").plusSeconds(60L * i)));
        }
        return doc;
    }

    @Test
    void secondaryIndexesAnswerExactlyWhatAScanAnswersAndKeepUpWithWrites() {
        int n = 2_000;
        List<Document> cases = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            cases.add(kase(i));
        }
        Date noon = Date.from(Instant.parse("2026-11-28T12:00:00Z"));
        Date evening = Date.from(Instant.parse("2026-11-28T20:00:00Z"));
        List<org.bson.conversions.Bson> queries = List.of(Filters.eq("village", "V3"), Filters.eq("village", null),
                Filters.in("village", List.of("V1", "V6", "none")), Filters.eq("agencies", "A2"),
                Filters.eq("score", 4), Filters.eq("score", 4L), Filters.eq("score", 4.0), Filters.gt("score", 7),
                Filters.lte("nextTimerAt", noon), Filters.and(Filters.gt("nextTimerAt", noon), Filters.lt("nextTimerAt", evening)),
                Filters.gte("nextTimerAt", evening), Filters.exists("outbox.id"),
                Filters.and(Filters.eq("village", "V2"), Filters.lte("nextTimerAt", evening)),
                Filters.exists("nextTimerAt"), Filters.lt("village", "V3"), Filters.exists("agencies"),
                Filters.ne("nextTimerAt", null), Filters.ne("village", null));
        // the same documents in a server without indexes (the library's in-memory backend scans) give the answers
        List<List<Object>> expected = new ArrayList<>();
        with(new de.bwaldvogel.mongo.backend.memory.MemoryBackend(), plain -> {
            plain.insertMany(cases);
            plain.updateMany(Filters.eq("village", "V4"), Updates.set("village", "V9"));
            plain.updateOne(Filters.eq("_id", "C-50"), Updates.pull("outbox", new Document("id", "e-50")));
            plain.updateOne(Filters.eq("_id", "C-100"), Updates.set("outbox", List.of()));
            plain.deleteMany(Filters.eq("agencies", "A1"));
            plain.updateMany(Filters.eq("village", "V5"), Updates.unset("nextTimerAt"));
            for (var query : queries) {
                expected.add(plain.find(query).map(d -> d.get("_id")).into(new ArrayList<>()));
            }
        });
        with(DiskBackend.open(file(), 1), kases -> {
            kases.createIndex(Indexes.ascending("village"));
            kases.insertMany(cases.subList(0, n / 2));
            // indexes declared on a collection that holds documents already are filled from them
            for (String field : List.of("agencies", "score", "nextTimerAt", "outbox.id")) {
                kases.createIndex(Indexes.ascending(field));
            }
            kases.insertMany(cases.subList(n / 2, n));
            kases.updateMany(Filters.eq("village", "V4"), Updates.set("village", "V9"));
            kases.updateOne(Filters.eq("_id", "C-50"), Updates.pull("outbox", new Document("id", "e-50")));
            kases.updateOne(Filters.eq("_id", "C-100"), Updates.set("outbox", List.of()));
            kases.deleteMany(Filters.eq("agencies", "A1"));
            kases.updateMany(Filters.eq("village", "V5"), Updates.unset("nextTimerAt"));
        });
        // by the index for every query, then as the server chooses (a scan where most documents qualify)
        for (long selective : List.of(Long.MAX_VALUE, SecondaryIndex.SELECTIVE_MINIMUM)) {
            SecondaryIndex.selectiveMinimum = selective;
            try {
                with(DiskBackend.open(file(), 1), kases -> {
                    for (int q = 0; q < queries.size(); q++) {
                        assertThat(kases.find(queries.get(q)).map(d -> d.get("_id")).into(new ArrayList<>()))
                                .as("%s", queries.get(q)).containsExactlyInAnyOrderElementsOf(expected.get(q));
                        // countDocuments, answered by counting one document at a time
                        int size = expected.get(q).size();
                        assertThat(kases.countDocuments(queries.get(q))).as("count %s", queries.get(q)).isEqualTo(size);
                        assertThat(kases.countDocuments(queries.get(q), new com.mongodb.client.model.CountOptions()
                                .skip(3).limit(5))).as("count %s, skip 3 limit 5", queries.get(q))
                                .isEqualTo(Math.min(Math.max(size - 3, 0), 5));
                    }
                    assertThat(kases.countDocuments()).isEqualTo(kases.find().into(new ArrayList<>()).size());
                    assertThat(kases.countDocuments(Filters.eq("village", "nowhere"))).isZero();
                });
            } finally {
                SecondaryIndex.selectiveMinimum = SecondaryIndex.SELECTIVE_MINIMUM;
            }
        }
        assertThat(expected).allSatisfy(ids -> assertThat(ids).as("every query finds something").isNotEmpty()
                .doesNotHaveDuplicates());
    }

    @Test
    void aCountOfOneValueOfAnIndexedFieldReadsTheIndexNotTheDocuments() {
        String[] sources = {"HOTLINE_12345", "GRID", "OPEN311"};
        with(DiskBackend.open(file(), 1), tickets -> {
            tickets.createIndex(Indexes.ascending("source"));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                batch.add(ticket(i).append("source", sources[i % 10 == 0 ? 1 : i % 25 == 1 ? 2 : 0]));
            }
            tickets.insertMany(batch);
        });
        long fileBytes = new java.io.File(file()).length();
        DiskBackend reopened = DiskBackend.open(file(), 1);
        with(reopened, tickets -> {
            // as intake asks for its counts: a scope that lets everything through, and the condition
            long before = reopened.getMvStore().getFileStore().getReadBytes();
            long hotline = tickets.countDocuments(Filters.and(new Document(), Filters.eq("source", "HOTLINE_12345")));
            long read = reopened.getMvStore().getFileStore().getReadBytes() - before;
            assertThat(hotline).isEqualTo(tickets.find(Filters.eq("source", "HOTLINE_12345")).into(new ArrayList<>()).size())
                    .isEqualTo(3_440);
            assertThat(read).as("bytes read to count 3,440 of 4,000 in a %d-byte file", fileBytes).isLessThan(fileBytes / 4);

            tickets.updateMany(Filters.in("_id", "T-0", "T-10", "T-1"), Updates.set("source", "GRID"));
            tickets.deleteOne(Filters.eq("_id", "T-2"));
            for (String source : sources) {
                assertThat(tickets.countDocuments(Filters.and(new Document(), Filters.eq("source", source))))
                        .as(source).isEqualTo(tickets.find(Filters.eq("source", source)).into(new ArrayList<>()).size());
            }
            assertThat(tickets.countDocuments(Filters.eq("source", "GRID"))).isEqualTo(401);
            assertThat(tickets.countDocuments(Filters.and(new Document(), Filters.eq("source", "nowhere")))).isZero();
        });
    }

    @Test
    void aSweepForPendingEventsReadsThePendingDocumentsNotTheCollection() {
        with(DiskBackend.open(file(), 1), kases -> {
            kases.createIndex(Indexes.ascending("outbox.id"), new IndexOptions().sparse(true));
            List<Document> batch = new ArrayList<>();
            for (int i = 0; i < 4_000; i++) {
                batch.add(kase(i));
            }
            kases.insertMany(batch);
        });
        long fileBytes = new java.io.File(file()).length();
        DiskBackend reopened = DiskBackend.open(file(), 1);
        with(reopened, kases -> {
            long before = reopened.getMvStore().getFileStore().getReadBytes();
            assertThat(kases.find(Filters.exists("outbox.id")).map(d -> d.get("_id")).into(new ArrayList<>()))
                    .hasSize(80).contains("C-0", "C-3950");
            long read = reopened.getMvStore().getFileStore().getReadBytes() - before;
            // each document found brings its page; a scan would read them all
            assertThat(read).as("bytes read for 80 of 4,000 documents in a %d-byte file", fileBytes).isLessThan(fileBytes / 4);
        });
    }

    @Test
    void aCollectionDroppedAndWrittenAgainHasItsUniqueIndexFilledAnew() {
        with(DiskBackend.open(file(), 1), tickets -> {
            tickets.createIndex(Indexes.ascending("ticketNo"), new IndexOptions().unique(true));
            tickets.insertOne(ticket(1));
            tickets.drop();
            tickets.insertOne(ticket(1).append("_id", "T-after"));
            tickets.createIndex(Indexes.ascending("ticketNo"), new IndexOptions().unique(true));
            assertThatThrownBy(() -> tickets.insertOne(ticket(1).append("_id", "T-other")))
                    .as("the index holds the document written before it was created").isInstanceOf(MongoWriteException.class);
        });
        with(DiskBackend.open(file(), 1), tickets -> {
            assertThat(tickets.find(Filters.eq("ticketNo", "12345-1")).into(new ArrayList<>()))
                    .singleElement().satisfies(d -> assertThat(d).containsEntry("_id", "T-after"));
            assertThatThrownBy(() -> tickets.insertOne(ticket(1).append("_id", "T-other")))
                    .isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void compoundKeysOfMixedValuesAreFoundAfterARestart() {
        with(DiskBackend.open(file(), 1), tickets -> {
            tickets.createIndex(Indexes.ascending("caller", "village", "n"), new IndexOptions().unique(true));
            for (int i = 0; i < 400; i++) {
                tickets.insertOne(new Document("_id", i).append("caller", "h" + (i % 7)).append("village", i % 2 == 0 ? "南岔村" : null)
                        .append("n", i % 3 == 0 ? (Object) (long) i : i % 3 == 1 ? (Object) i : (Object) (i + 0.5)));
            }
        });
        with(DiskBackend.open(file(), 1), tickets -> {
            assertThat(tickets.find(new Document("caller", "h3").append("village", null).append("n", 171L)).first())
                    .containsEntry("_id", 171);
            assertThat(tickets.find(new Document("caller", "h3").append("village", null).append("n", 171)).first())
                    .as("numbers match by value, as in MongoDB").containsEntry("_id", 171);
            assertThat(tickets.find(new Document("caller", "h3").append("village", null).append("n", 172)).first()).isNull();
            assertThat(tickets.find(new Document("caller", "h2").append("village", "南岔村").append("n", 100)).first())
                    .containsEntry("_id", 100);
            assertThatThrownBy(() -> tickets.insertOne(new Document("_id", "dup").append("caller", "h2")
                    .append("village", "南岔村").append("n", 100))).isInstanceOf(MongoWriteException.class);
        });
    }

    @Test
    void concurrentUpdatesWhileTheStoreWritesToDiskLoseNothing() throws Exception {
        // small commits, so the background writer is serialising pages while documents are being updated
        MongoBackend backend = new DiskBackend(new org.h2.mvstore.MVStore.Builder().fileName(file()).cacheSize(4)
                .autoCommitBufferSize(64).open());
        int docs = 50, threads = 4, updates = 1_000;
        with(backend, tickets -> {
            for (int i = 0; i < docs; i++) {
                tickets.insertOne(new Document("_id", "T-" + i).append("n", 0).append("outbox", List.of()));
            }
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
                List<java.util.concurrent.Future<?>> done = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int u = 0; u < updates; u++) {
                            String id = "T-" + (u % docs);
                            tickets.updateOne(Filters.eq("_id", id), Updates.combine(Updates.inc("n", 1),
                                    Updates.push("outbox", new Document("id", thread + "-" + u).append("pad", "x".repeat(200)))));
                            tickets.updateOne(Filters.eq("_id", id), Updates.pull("outbox", new Document("id", thread + "-" + u)));
                        }
                        return null;
                    }));
                }
                for (var f : done) {
                    f.get();
                }
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        with(DiskBackend.open(file(), 4), tickets -> {
            assertThat(tickets.find().map(d -> d.getInteger("n")).into(new ArrayList<>()))
                    .hasSize(docs).allMatch(n -> n == threads * updates / docs);
            assertThat(tickets.countDocuments(Filters.exists("outbox.0"))).isZero();
        });
    }

    @Test
    void whatAQueryReturnsIsACopyNotTheStoredDocument() {
        // the server applies an update by changing the document its query found; were that the stored one, the
        // store's background writer could be serialising it at that moment
        DiskBackend backend = DiskBackend.open(file(), 4);
        with(backend, tickets -> {
            tickets.insertOne(new Document("_id", "T-1").append("n", 1));
            var collection = backend.resolveDatabase("intake").resolveCollection("tickets", true);
            for (var query : List.of(new de.bwaldvogel.mongo.bson.Document("_id", "T-1"),
                    new de.bwaldvogel.mongo.bson.Document("n", 1))) {
                collection.handleQuery(query).forEach(found -> found.put("n", 99));
                assertThat(collection.handleQuery(query)).as("by %s", query).singleElement()
                        .satisfies(d -> assertThat(d.get("n")).isEqualTo(1));
            }
            assertThat(tickets.find().first()).containsEntry("n", 1);
        });
    }

    @Test
    void queriesDoNotWaitForAWriteHoldingTheCollectionAndWritesStillTakeTurns() {
        // a long write holds the collection's lock (held here by the test); reads, counts included, go on; before,
        // a count over ~104,000 tickets held up every push to them for over 30 s
        DiskBackend backend = DiskBackend.open(file(), 4);
        with(backend, tickets -> {
            tickets.insertMany(java.util.stream.IntStream.range(0, 50).mapToObj(DiskBackendTest::ticket).toList());
            tickets.createIndex(Indexes.ascending("ticketNo"), new IndexOptions().unique(true));
            Object collection = backend.resolveDatabase("intake").resolveCollection("tickets", true);
            try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                java.util.concurrent.Future<?> insert;
                synchronized (collection) {
                    var count = pool.submit(() -> tickets.countDocuments(Filters.gte("count", 10)));
                    var byId = pool.submit(() -> tickets.find(Filters.eq("_id", "T-7")).first());
                    var byIndex = pool.submit(() -> tickets.find(Filters.eq("ticketNo", "12345-9")).first());
                    insert = pool.submit(() -> tickets.insertOne(ticket(50)));
                    assertThat(count.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(40L);
                    assertThat(byId.get(20, java.util.concurrent.TimeUnit.SECONDS)).containsEntry("ticketNo", "12345-7");
                    assertThat(byIndex.get(20, java.util.concurrent.TimeUnit.SECONDS)).containsEntry("_id", "T-9");
                    assertThat(insert).isNotDone(); // it waits for the lock
                }
                insert.get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(tickets.countDocuments()).isEqualTo(51);
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void keysReadBackAsTheyWereWritten() {
        IndexKeyType type = new IndexKeyType();
        List<KeyValue> keys = List.of(new KeyValue("T-1"), new KeyValue("南岔村", 7, 8L), new KeyValue(""),
                new KeyValue("a", null), new KeyValue(2.5, "b"), new KeyValue(Missing.getInstance()),
                new KeyValue(new de.bwaldvogel.mongo.bson.Document("x", List.of(1, "y"))));
        org.h2.mvstore.WriteBuffer buffer = new org.h2.mvstore.WriteBuffer();
        keys.forEach(k -> type.write(buffer, k));
        java.nio.ByteBuffer read = buffer.getBuffer().flip();
        for (KeyValue k : keys) {
            assertThat(type.read(read)).isEqualTo(k);
        }
        assertThat(read.hasRemaining()).isFalse();
    }

    @Test
    void keysCompareEqualExactlyWhenTheyAreEqualAndInOneConsistentOrder() {
        IndexKeyType type = new IndexKeyType();
        Random random = new Random(7);
        List<KeyValue> keys = new ArrayList<>();
        Object[] pool = {null, Missing.getInstance(), 1, 1L, 1.0, 2, -3L, "a", "b", "南岔村", true, false,
                Instant.EPOCH, new de.bwaldvogel.mongo.bson.Document("x", 1), List.of(1, "a"), List.of(1),
                UUID.nameUUIDFromBytes(new byte[] {1})};
        for (int i = 0; i < 300; i++) {
            int size = 1 + random.nextInt(3);
            List<Object> values = new ArrayList<>();
            for (int j = 0; j < size; j++) {
                values.add(pool[random.nextInt(pool.length)]);
            }
            keys.add(new KeyValue(values));
        }
        for (KeyValue a : keys) {
            for (KeyValue b : keys) {
                int ab = Integer.signum(type.compare(a, b));
                assertThat(ab == 0).as("%s vs %s", a, b).isEqualTo(a.equals(b));
                assertThat(Integer.signum(type.compare(b, a))).isEqualTo(-ab);
            }
        }
        List<KeyValue> sorted = new ArrayList<>(keys);
        sorted.sort(type);
        for (int i = 0; i + 2 < sorted.size(); i++) {
            assertThat(type.compare(sorted.get(i), sorted.get(i + 2))).isLessThanOrEqualTo(0);
        }
    }
}
