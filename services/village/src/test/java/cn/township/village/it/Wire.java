package cn.township.village.it;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import cn.township.contracts.EventType;
import cn.township.infra.testing.TestInfrastructure;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;

/** Raw Kafka for tests: publish CloudEvents as another service would, record what the service publishes. */
public final class Wire implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new CopyOnWriteArrayList<>();
    private final Thread poller;
    private volatile boolean running = true;

    public Wire(String recordTopic) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        // assigned, not subscribed: no group rebalance to wait for; reads the topic from its beginning
        List<TopicPartition> partitions = consumer.partitionsFor(recordTopic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = Thread.ofPlatform().daemon().name("test-recorder").start(() -> {
            try {
                while (running) {
                    consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                }
            } catch (WakeupException stopping) {
                // closing
            } finally {
                consumer.close();
            }
        });
    }

    /** Publishes an event the way the outbox relay does; returns its ce_id. */
    public String publish(DomainEvent event, String key) {
        return publish(event, key, UUID.randomUUID().toString());
    }

    public String publish(DomainEvent event, String key, String ceId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        RecordHeaders headers = new RecordHeaders();
        add(headers, CloudEventHeaders.SPEC_VERSION, CloudEventHeaders.SPEC_VERSION_1_0);
        add(headers, CloudEventHeaders.ID, ceId);
        add(headers, CloudEventHeaders.TYPE, type.ceType());
        add(headers, CloudEventHeaders.SOURCE, "/township/test");
        add(headers, CloudEventHeaders.SUBJECT, key);
        add(headers, CloudEventHeaders.TIME, Instant.now().toString());
        add(headers, CloudEventHeaders.CONTENT_TYPE, CloudEventHeaders.JSON);
        try {
            producer.send(new ProducerRecord<>(type.topic(), null, key, EventJson.write(event), headers)).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
        return ceId;
    }

    /** The first recorded event of this type whose subject is given, as the record plus its raw payload. */
    public Optional<ConsumerRecord<String, byte[]>> find(String ceType, String subject) {
        return seen.stream().filter(r -> ceType.equals(header(r, CloudEventHeaders.TYPE))
                && subject.equals(header(r, CloudEventHeaders.SUBJECT))).findFirst();
    }

    /** Every recorded event so far (the whole topic from its beginning). */
    public List<ConsumerRecord<String, byte[]>> all() {
        return List.copyOf(seen);
    }

    public long count(String ceType, String subject) {
        return seen.stream().filter(r -> ceType.equals(header(r, CloudEventHeaders.TYPE))
                && subject.equals(header(r, CloudEventHeaders.SUBJECT))).count();
    }

    public static String header(ConsumerRecord<String, byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static void add(RecordHeaders headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close();
    }
}
