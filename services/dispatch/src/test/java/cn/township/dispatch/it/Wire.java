package cn.township.dispatch.it;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.EventType;
import cn.township.contracts.Topics;
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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/**
 * The test's side of Kafka: publishes CloudEvents as intake, mediation and village would, and reads what
 * dispatch published on {@code dispatch.cases.v1}, checking each payload against its JSON Schema.
 */
public final class Wire implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<Published> seen = new CopyOnWriteArrayList<>();

    public Wire() {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Publishes an event with a fresh ce_id; returns the id. */
    public String publish(DomainEvent event) {
        return publish(event, UUID.randomUUID().toString());
    }

    /** Publishes an event with the given ce_id (to replay it). */
    public String publish(DomainEvent event, String ceId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        RecordHeaders headers = new RecordHeaders();
        header(headers, CloudEventHeaders.SPEC_VERSION, "1.0");
        header(headers, CloudEventHeaders.ID, ceId);
        header(headers, CloudEventHeaders.TYPE, type.ceType());
        header(headers, CloudEventHeaders.SOURCE, "/it");
        header(headers, CloudEventHeaders.SUBJECT, event.subject());
        header(headers, CloudEventHeaders.TIME, Instant.now().toString());
        header(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        byte[] payload = EventJson.write(event);
        EventSchemas.assertValid(type.ceType(), payload);
        try {
            producer.send(new ProducerRecord<>(type.topic(), null, event.key(), payload, headers)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return ceId;
    }

    /** Publishes bytes that are no CloudEvent (a type header, a body that is not JSON). */
    public void publishGarbage(String topic, String key) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, "{not json".getBytes(StandardCharsets.UTF_8));
        header((RecordHeaders) record.headers(), CloudEventHeaders.ID, UUID.randomUUID().toString());
        header((RecordHeaders) record.headers(), CloudEventHeaders.TYPE, "ticket.intake.TicketReceived.v1");
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The keys of the records on a topic's dead-letter topic (reads it from the start). */
    public List<String> deadLetterKeys(String topic) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        List<String> keys = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "it-dlt-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            reader.subscribe(List.of(Topics.deadLetter(topic)));
            for (int i = 0; i < 10; i++) {
                reader.poll(Duration.ofMillis(300)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }

    /** Everything dispatch published about a case so far (polls the topic once). */
    public List<Published> about(String caseId) {
        poll();
        return seen.stream().filter(p -> caseId.equals(p.subject())).toList();
    }

    public long count(String caseId, Class<? extends DomainEvent> type) {
        return about(caseId).stream().filter(p -> p.is(type)).map(Published::id).distinct().count();
    }

    public <E extends DomainEvent> List<E> events(String caseId, Class<E> type) {
        return about(caseId).stream().filter(p -> p.is(type)).map(p -> EventJson.read(p.payload(), type)).toList();
    }

    public boolean any(String caseId, Predicate<Published> what) {
        return about(caseId).stream().anyMatch(what);
    }

    private synchronized void poll() {
        if (consumer.assignment().isEmpty()) {
            var partitions = consumer.partitionsFor(Topics.DISPATCH_CASES).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
            String type = text(r, CloudEventHeaders.TYPE);
            EventSchemas.assertValid(type, r.value());
            seen.add(new Published(text(r, CloudEventHeaders.ID), type, text(r, CloudEventHeaders.SUBJECT), r.value()));
        }
    }

    private static String text(ConsumerRecord<?, ?> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void header(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }

    /** One event dispatch published. */
    public record Published(String id, String type, String subject, byte[] payload) {
        public boolean is(Class<? extends DomainEvent> eventType) {
            return EventCatalog.of(eventType).ceType().equals(type);
        }

        @Override
        public String toString() {
            return type + " " + new String(payload, StandardCharsets.UTF_8);
        }
    }

    static List<String> types(List<Published> events) {
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.type().replace("case.dispatch.", "").replace(".v1", "")));
        return names;
    }
}
