package cn.township.messaging.it;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.EventSamples;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.Topics;
import cn.township.contracts.intake.TicketReceived;
import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import cn.township.messaging.outbox.RelayProbe;
import cn.township.messaging.trace.TraceContext;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.MessageListener;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The outbox and the consuming side against a real Kafka broker and a real MongoDB-wire server. */
@ServiceIntegrationTest
class OutboxIT {

    @Autowired
    OutboxStore tickets;
    @Autowired
    MongoDatabase database;
    @Autowired
    MessagingTestApplication.VillageCounter counter;
    @Autowired
    @Qualifier("kafkaListenerContainerFactory")
    ConcurrentKafkaListenerContainerFactory<String, InboundEvent> factory;
    @Autowired
    RelayProbe relayProbe;
    @Autowired
    OutboxRelay relay;

    @Test
    void aStoredEventIsPublishedAsACloudEventAndLeavesTheDocument() {
        String village = "v-" + UUID.randomUUID();
        TicketReceived ticket = ticket(village, "street light out");
        try (var trace = TraceContext.open(null)) {
            tickets.insert(new Document("_id", ticket.ticketId()).append("status", "RECEIVED"), List.of(ticket));
        }

        ConsumerRecord<String, byte[]> record = awaitRecord(Topics.INTAKE_TICKETS, ticket.ticketId());
        assertThat(record.key()).isEqualTo(ticket.ticketId());
        assertThat(header(record, CloudEventHeaders.TYPE)).isEqualTo("ticket.intake.TicketReceived.v1");
        assertThat(header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(header(record, CloudEventHeaders.SOURCE)).isEqualTo("/township/messaging-test");
        assertThat(header(record, CloudEventHeaders.SUBJECT)).isEqualTo(ticket.ticketId());
        assertThat(header(record, CloudEventHeaders.ID)).isNotBlank();
        assertThat(header(record, CloudEventHeaders.TIME)).isNotBlank();
        assertThat(TraceContext.isValid(header(record, CloudEventHeaders.TRACEPARENT))).isTrue();
        assertThat(record.headers().lastHeader("__TypeId__")).isNull();
        EventSchemas.assertValid(header(record, CloudEventHeaders.TYPE), record.value());

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Document stored = database.getCollection("tickets").find(new Document("_id", ticket.ticketId())).first();
            assertThat(stored.getList(OutboxStore.OUTBOX, Document.class)).isEmpty();
            assertThat(stored.getString("status")).isEqualTo("RECEIVED");
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 1);
    }

    @Test
    void aBulkInsertStoresTheNewOnesLeavesAnExistingOneAsItIsAndPublishesOnlyWhatItStored() {
        String village = "v-" + UUID.randomUUID();
        TicketReceived existing = ticket(village, "already there");
        tickets.insert(new Document("_id", existing.ticketId()).append("status", "FIRST"), List.of(existing));
        TicketReceived a = ticket(village, "bulk a");
        TicketReceived b = ticket(village, "bulk b");

        Set<Object> stored = tickets.insertAll(List.of(
                tickets.prepareInsert(new Document("_id", a.ticketId()).append("status", "BULK"), List.of(a)),
                tickets.prepareInsert(new Document("_id", existing.ticketId()).append("status", "SECOND"), List.of(existing)),
                tickets.prepareInsert(new Document("_id", b.ticketId()).append("status", "BULK"), List.of(b))));

        assertThat(stored).containsExactly(a.ticketId(), b.ticketId());
        assertThat(database.getCollection("tickets").find(new Document("_id", existing.ticketId())).first()
                .getString("status")).isEqualTo("FIRST");
        awaitRecord(Topics.INTAKE_TICKETS, a.ticketId());
        awaitRecord(Topics.INTAKE_TICKETS, b.ticketId());
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 3);
        assertThat(readAll(Topics.INTAKE_TICKETS).stream().filter(r -> existing.ticketId().equals(r.key())))
                .as("the refused copy is not published").hasSize(1);
    }

    @Test
    void concurrentInsertsShareBulkWritesAndEachIdIsStoredOnceWithItsEventsPublishedOnce() throws Exception {
        String village = "v-" + UUID.randomUUID();
        List<TicketReceived> distinct = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            distinct.add(ticket(village, "grouped " + i));
        }
        List<Future<Boolean>> outcomes = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int copy = 0; copy < 3; copy++) { // every ticket three times, all at once
                for (TicketReceived t : distinct) {
                    outcomes.add(threads.submit(() -> tickets.insertIfAbsent(
                            new Document("_id", t.ticketId()).append("status", "RECEIVED"), List.of(t))));
                }
            }
        }
        long storedCount = 0;
        for (Future<Boolean> f : outcomes) {
            storedCount += f.get() ? 1 : 0;
        }
        assertThat(storedCount).as("one true per id, false for the copies").isEqualTo(40);
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 40);
        for (TicketReceived t : distinct) {
            assertThat(database.getCollection("tickets").countDocuments(new Document("_id", t.ticketId()))).isEqualTo(1);
        }
        assertThat(readAll(Topics.INTAKE_TICKETS).stream().filter(r -> distinct.stream()
                .anyMatch(t -> t.ticketId().equals(r.key())))).as("each stored event published once").hasSize(40);
    }

    @Test
    void anInsertFollowedAtOnceByUpdatesPublishesEveryEventOnceAndInOrder() {
        // an insert and two updates hint the relay three times in quick succession; however the hints fall into its
        // rounds, the topic must show each event once, in the order written
        String village = "v-" + UUID.randomUUID();
        List<String> ids = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            TicketReceived first = ticket(village, "insert " + round);
            String id = first.ticketId();
            ids.add(id);
            tickets.insert(new Document("_id", id).append("status", "RECEIVED"), List.of(first));
            for (int update = 1; update <= 2; update++) {
                TicketReceived next = withContent(first, "update " + round + "." + update);
                assertThat(tickets.updateWhere(new Document("_id", id), id, new Document("$set",
                        new Document("status", "UPDATED-" + update)), List.of(next))).isTrue();
            }
        }
        awaitRecords(Topics.INTAKE_TICKETS, null, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 60);
        Map<String, List<String>> contents = readAll(Topics.INTAKE_TICKETS).stream()
                .filter(r -> ids.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(
                        r -> new String(r.value(), StandardCharsets.UTF_8).replaceAll(".*\"content\":\"([^\"]*)\".*", "$1"),
                        Collectors.toList())));
        for (int round = 0; round < 20; round++) {
            assertThat(contents.get(ids.get(round))).as("events of document " + round)
                    .containsExactly("insert " + round, "update " + round + ".1", "update " + round + ".2");
        }
    }

    @Test
    void aSweepThatPublishedInsertsBeforeTheirHintsLeavesEachPublishedOnce() {
        // with the relay's thread stopped, inserts queue their hints (each carrying its events) and a sweep publishes
        // the events from the documents, as one running while the hints wait would; on start the relay works
        // through the queued hints, which must not publish them again
        String village = "v-" + UUID.randomUUID();
        List<String> keys = new ArrayList<>();
        relayProbe.withRelayStopped(() -> {
            for (int i = 0; i < 30; i++) {
                TicketReceived t = ticket(village, "swept " + i);
                keys.add(t.ticketId());
                tickets.insert(new Document("_id", t.ticketId()).append("status", "RECEIVED"), List.of(t));
            }
            assertThat(relay.sweep()).as("the sweep publishes every event still in a document").isGreaterThanOrEqualTo(30);
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 30);
        assertThat(readAll(Topics.INTAKE_TICKETS).stream().filter(r -> keys.contains(r.key())))
                .as("each inserted event on the topic once").hasSize(30);
    }

    @Test
    void aStaleVersionWritesNothing() {
        TicketReceived ticket = ticket("v-" + UUID.randomUUID(), "pothole");
        tickets.insert(new Document("_id", ticket.ticketId()).append("status", "RECEIVED"), List.of());
        assertThat(tickets.update(ticket.ticketId(), 1, new Document("status", "CLOSED"), List.of(ticket))).isTrue();
        assertThat(tickets.update(ticket.ticketId(), 1, new Document("status", "REOPENED"), List.of(ticket))).isFalse();
        Document stored = database.getCollection("tickets").find(new Document("_id", ticket.ticketId())).first();
        assertThat(stored.getString("status")).isEqualTo("CLOSED");
        assertThat(stored.getLong(OutboxStore.VERSION)).isEqualTo(2L);
    }

    @Test
    void aRelayKilledBetweenPublishAndRemovePublishesAgainNeverZeroTimes() {
        String village = "v-" + UUID.randomUUID();
        TicketReceived ticket = ticket(village, "crash drill");
        // A relay that dies right after the broker acknowledged, before it could remove the event.
        relayProbe.crashingRelay().withRelayStoppedDuring(() ->
                tickets.insert(new Document("_id", ticket.ticketId()), List.of(ticket)));
        Document stored = database.getCollection("tickets").find(new Document("_id", ticket.ticketId())).first();
        assertThat(stored.getList(OutboxStore.OUTBOX, Document.class)).as("event still pending after the crash").hasSize(1);

        // The surviving relay (the application's) picks it up on its next sweep.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(database.getCollection("tickets")
                .find(new Document("_id", ticket.ticketId())).first().getList(OutboxStore.OUTBOX, Document.class)).isEmpty());
        List<ConsumerRecord<String, byte[]>> copies = awaitRecords(Topics.INTAKE_TICKETS, ticket.ticketId(), 2);
        Set<String> ids = copies.stream().map(r -> header(r, CloudEventHeaders.ID)).collect(Collectors.toSet());
        assertThat(ids).as("the same event twice, one ce_id").hasSize(1);
        // ... and the idempotent consumer counted it once.
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 1);
        assertThat(counter.count(village)).isEqualTo(1);
    }

    @Test
    void replayingTheTopicFromOffsetZeroChangesNothing() throws Exception {
        String village = "v-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            TicketReceived t = ticket(village, "replay " + i);
            tickets.insert(new Document("_id", t.ticketId()), List.of(t));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> counter.count(village) == 5);

        AtomicInteger replayed = new AtomicInteger();
        ConcurrentMessageListenerContainer<String, InboundEvent> replay = factory.createContainer(Topics.INTAKE_TICKETS);
        replay.getContainerProperties().setGroupId("replay-" + UUID.randomUUID());
        replay.getContainerProperties().setMessageListener((MessageListener<String, InboundEvent>) r -> {
            counter.apply(r.value());
            if (r.value().payload() instanceof TicketReceived t && village.equals(t.village())) {
                replayed.incrementAndGet();
            }
        });
        replay.start();
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> replayed.get() >= 5);
        } finally {
            replay.stop();
        }
        assertThat(counter.count(village)).isEqualTo(5);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndThePartitionKeepsFlowing() throws Exception {
        String village = "v-" + UUID.randomUUID();
        String key = "poison-" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = rawProducer()) {
            ProducerRecord<String, byte[]> garbage = new ProducerRecord<>(Topics.INTAKE_TICKETS, key,
                    "{not json".getBytes(StandardCharsets.UTF_8));
            garbage.headers().add(CloudEventHeaders.ID, "p-1".getBytes()).add(CloudEventHeaders.TYPE,
                    "ticket.intake.TicketReceived.v1".getBytes());
            producer.send(garbage).get();
            producer.send(new ProducerRecord<>(Topics.INTAKE_TICKETS, key, "no headers at all".getBytes())).get();
        }
        // a listener failure (not poison bytes) is retried, then dead-lettered too
        TicketReceived refused = ticket(village, "FAIL on purpose");
        tickets.insert(new Document("_id", refused.ticketId()), List.of(refused));
        // the same key afterwards is still processed
        TicketReceived after = new TicketReceived(key, null, refused.source(), refused.receivedAt(), null,
                refused.kind(), refused.category(), null, null, "after the poison", null, null, village, null,
                false, null, false, refused.urgency(), null, List.of(), List.of(), null);
        tickets.insert(new Document("_id", "after-" + key), List.of(after));

        await().atMost(Duration.ofSeconds(60)).until(() -> counter.count(village) == 1);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            List<ConsumerRecord<String, byte[]>> all = readAll(Topics.deadLetter(Topics.INTAKE_TICKETS));
            assertThat(all).anySatisfy(r -> {
                assertThat(r.key()).isEqualTo(key);
                assertThat(new String(r.value())).isEqualTo("{not json");
                assertThat(header(r, "kafka_dlt-exception-stacktrace")).contains("payload is not valid");
            });
            assertThat(all).anySatisfy(r -> {
                assertThat(new String(r.value())).isEqualTo("no headers at all");
                assertThat(header(r, "kafka_dlt-exception-stacktrace")).contains("ce_id is missing");
            });
            assertThat(all).anySatisfy(r -> {
                assertThat(r.key()).isEqualTo(refused.ticketId());
                assertThat(header(r, CloudEventHeaders.TYPE)).isEqualTo("ticket.intake.TicketReceived.v1");
                assertThat(header(r, "kafka_dlt-exception-message")).contains("listener refused");
            });
        });
    }

    // ---- helpers

    private static TicketReceived ticket(String village, String content) {
        TicketReceived sample = EventSamples.full(TicketReceived.class);
        return new TicketReceived("T-" + UUID.randomUUID(), sample.ticketNo(), sample.source(), sample.receivedAt(),
                sample.channel(), sample.kind(), sample.category(), sample.leadDepartment(), sample.deadlineClass(),
                content, sample.address(), sample.location(), village, sample.grid(), false, sample.complainant(),
                false, sample.urgency(), null, List.of(), List.of(), null);
    }

    private static TicketReceived withContent(TicketReceived t, String content) {
        return new TicketReceived(t.ticketId(), t.ticketNo(), t.source(), t.receivedAt(), t.channel(), t.kind(),
                t.category(), t.leadDepartment(), t.deadlineClass(), content, t.address(), t.location(), t.village(),
                t.grid(), t.manualRouting(), t.complainant(), t.confidential(), t.urgency(), t.dueAt(), t.attachments(),
                t.linkedTicketIds(), t.reportedBy());
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> rawProducer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new ByteArraySerializer());
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        return awaitRecords(topic, key, 1).getFirst();
    }

    /** Waits until at least {@code count} records with the key (any key when null) are on the topic. */
    private static List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            readAll(topic).stream().filter(r -> key == null || key.equals(r.key())).forEach(found::add);
            return found.size() >= count;
        });
        return found;
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(records::add);
                if (!records.isEmpty() && consumer.assignment().stream()
                        .allMatch(tp -> consumer.position(tp) >= consumer.endOffsets(List.of(tp)).get(tp))) {
                    break;
                }
            }
        }
        return records;
    }
}
