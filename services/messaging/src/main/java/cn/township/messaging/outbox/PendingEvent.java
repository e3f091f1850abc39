package cn.township.messaging.outbox;

import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.contracts.EventJson;
import cn.township.contracts.EventType;
import cn.township.messaging.trace.TraceContext;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * An event waiting in its aggregate's document to be published: everything the relay needs to put it on
 * the wire as a CloudEvent, frozen at the moment the state change was decided.
 */
public record PendingEvent(String id, String ceType, String topic, String key, String subject, Instant time,
                           String traceparent, String payload) {

    static final String FIELD_ID = "id";

    public static PendingEvent of(DomainEvent event, Instant now) {
        EventType<?> type = EventCatalog.of(event.getClass());
        return new PendingEvent(UUID.randomUUID().toString(), type.ceType(), type.topic(), event.key(),
                event.subject(), now, TraceContext.currentOrNew(), EventJson.writeString(event));
    }

    Document toDocument() {
        return new Document(FIELD_ID, id).append("type", ceType).append("topic", topic).append("key", key)
                .append("subject", subject).append("time", Date.from(time)).append("traceparent", traceparent)
                .append("payload", payload);
    }

    static PendingEvent fromDocument(Document d) {
        return new PendingEvent(d.getString(FIELD_ID), d.getString("type"), d.getString("topic"), d.getString("key"),
                d.getString("subject"), d.getDate("time").toInstant(), d.getString("traceparent"),
                d.getString("payload"));
    }
}
