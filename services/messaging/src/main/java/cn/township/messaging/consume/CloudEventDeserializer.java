package cn.township.messaging.consume;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads a CloudEvent in Kafka binary mode. A record without {@code ce_id}/{@code ce_type}, or whose payload
 * is not the JSON its type promises, is poison: this throws, and the {@code ErrorHandlingDeserializer}
 * around it sends the record to the dead-letter topic.
 */
public class CloudEventDeserializer implements Deserializer<InboundEvent> {

    @Override
    public InboundEvent deserialize(String topic, byte[] data) {
        throw new SerializationException("CloudEvents need headers: ce_id and ce_type are missing");
    }

    @Override
    public InboundEvent deserialize(String topic, Headers headers, byte[] data) {
        String id = required(headers, CloudEventHeaders.ID);
        String type = required(headers, CloudEventHeaders.TYPE);
        DomainEvent payload = EventCatalog.byCeType(type).map(t -> parse(type, data, t.payloadType())).orElse(null);
        return new InboundEvent(id, type, text(headers, CloudEventHeaders.SOURCE), text(headers, CloudEventHeaders.SUBJECT),
                time(headers), text(headers, CloudEventHeaders.TRACEPARENT), payload);
    }

    private static DomainEvent parse(String type, byte[] data, Class<? extends DomainEvent> payloadType) {
        if (data == null || data.length == 0) {
            throw new SerializationException(type + ": empty payload");
        }
        try {
            return EventJson.read(data, payloadType);
        } catch (RuntimeException e) {
            throw new SerializationException(type + ": payload is not valid: " + e.getMessage(), e);
        }
    }

    private static String required(Headers headers, String name) {
        String value = text(headers, name);
        if (value == null || value.isBlank()) {
            throw new SerializationException("CloudEvents header " + name + " is missing");
        }
        return value;
    }

    private static @Nullable Instant time(Headers headers) {
        String value = text(headers, CloudEventHeaders.TIME);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
