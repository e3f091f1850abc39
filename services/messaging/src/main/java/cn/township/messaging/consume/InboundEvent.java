package cn.township.messaging.consume;

import cn.township.contracts.DomainEvent;
import org.jspecify.annotations.Nullable;

import java.time.Instant;

/**
 * A CloudEvent read from Kafka: its attributes and its payload as the catalogue's record. The payload is
 * null for a type this service does not know (a newer producer's event), which listeners skip.
 */
public record InboundEvent(String id, String type, String source, @Nullable String subject, @Nullable Instant time,
                           @Nullable String traceparent, @Nullable DomainEvent payload) {

    public boolean known() {
        return payload != null;
    }
}
