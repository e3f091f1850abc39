package cn.township.messaging.outbox;

import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Test access to the relay: a second relay that dies between publishing and removing, like a killed process. */
public class RelayProbe {

    private final OutboxRelay applicationRelay;
    private final MongoCollection<Document> collection;
    private final Map<String, Object> producerConfig;

    public RelayProbe(OutboxRelay applicationRelay, MongoCollection<Document> collection, Map<String, Object> producerConfig) {
        this.applicationRelay = applicationRelay;
        this.collection = collection;
        this.producerConfig = producerConfig;
    }

    /** Runs the writes with the application's relay stopped (their hints wait in its queue), then starts it. */
    public void withRelayStopped(Runnable writes) {
        applicationRelay.stop();
        try {
            writes.run();
        } finally {
            applicationRelay.start();
        }
    }

    public Crash crashingRelay() {
        return new Crash();
    }

    public class Crash {
        /**
         * Stops the application's relay, runs the write, lets a fresh relay publish it and die before removing
         * it, then starts the application's relay again.
         */
        public void withRelayStoppedDuring(Runnable write) {
            applicationRelay.stop();
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
                    new ByteArraySerializer())) {
                write.run();
                OutboxRelay doomed = new OutboxRelay(producer, "/township/messaging-test", OutboxRelay.Settings.defaults());
                doomed.watch(collection);
                doomed.afterPublish(published -> {
                    if (!published.isEmpty()) {
                        throw new OutboxRelay.RelayStopped();
                    }
                });
                assertThatThrownBy(doomed::sweep).isInstanceOf(OutboxRelay.RelayStopped.class);
            } finally {
                applicationRelay.start();
            }
        }
    }
}
