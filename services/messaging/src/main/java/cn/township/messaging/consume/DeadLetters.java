package cn.township.messaging.consume;

import cn.township.contracts.EventJson;
import cn.township.contracts.Topics;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

import java.time.Duration;

/**
 * Bounded retries, then the record goes to {@code <topic>.dlt} with the failure in Spring Kafka's
 * {@code kafka_dlt-exception-*} headers (original CloudEvents headers kept) and the partition moves on.
 * Poison bytes are not retried.
 */
public final class DeadLetters {

    private DeadLetters() {
    }

    public static DefaultErrorHandler errorHandler(KafkaOperations<Object, Object> template, Duration interval,
                                                   int retries) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        return new DefaultErrorHandler(recoverer, new FixedBackOff(interval.toMillis(), retries));
    }

    /** Writes dead letters: raw bytes as they came, or the event's JSON when the failure was in a listener. */
    public static final class ValueSerializer implements Serializer<Object> {
        @Override
        public byte[] serialize(String topic, Object value) {
            if (value == null || value instanceof byte[]) {
                return (byte[]) value;
            }
            if (value instanceof InboundEvent event && event.payload() != null) {
                return EventJson.write(event.payload());
            }
            return String.valueOf(value).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
