package cn.township.intake.support;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import cn.township.contracts.EventType;
import cn.township.infra.testing.TestInfrastructure;
import cn.township.messaging.trace.TraceContext;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;

/** Plays dispatch: publishes its events as CloudEvents on the real broker, as its relay would. */
public final class CaseEvents implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());

    /** Publishes and waits for the broker; returns the ce_id. */
    public String publish(DomainEvent event) {
        return publish(event, UUID.randomUUID().toString());
    }

    public String publish(DomainEvent event, String ceId) {
        try {
            send(event, ceId).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish " + EventCatalog.of(event.getClass()).ceType(), e);
        }
        return ceId;
    }

    /**
     * Publishes the events (the i-th with the i-th ce_id) back to back, then waits for the broker: they reach the
     * consumer in as few polls as the broker allows, as a burst from dispatch would.
     */
    public void publishTogether(List<? extends DomainEvent> events, List<String> ceIds) {
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            sent.add(send(events.get(i), ceIds.get(i)));
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IllegalStateException("cannot publish", e);
            }
        }
    }

    private Future<RecordMetadata> send(DomainEvent event, String ceId) {
        EventType<?> type = EventCatalog.of(event.getClass());
        RecordHeaders h = new RecordHeaders();
        h.add(CloudEventHeaders.SPEC_VERSION, bytes("1.0"));
        h.add(CloudEventHeaders.ID, bytes(ceId));
        h.add(CloudEventHeaders.TYPE, bytes(type.ceType()));
        h.add(CloudEventHeaders.SOURCE, bytes("/township/dispatch"));
        h.add(CloudEventHeaders.SUBJECT, bytes(event.subject()));
        h.add(CloudEventHeaders.TIME, bytes(Instant.now().toString()));
        h.add(CloudEventHeaders.CONTENT_TYPE, bytes("application/json"));
        h.add(CloudEventHeaders.TRACEPARENT, bytes(TraceContext.newTraceparent()));
        return producer.send(new ProducerRecord<>(type.topic(), null, event.key(), EventJson.write(event), h));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
    }
}
