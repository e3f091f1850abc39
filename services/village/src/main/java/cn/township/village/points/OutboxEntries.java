package cn.township.village.points;

import cn.township.contracts.DomainEvent;
import cn.township.messaging.outbox.PendingEvent;
import org.bson.Document;

import java.time.Clock;
import java.util.Date;
import java.util.List;

/**
 * Events as entries of a document's outbox, for writes that go around {@code OutboxStore} (one bulk for many
 * accounts). The messaging library builds its entries with a package-private {@code PendingEvent.toDocument}
 * and reads them back with {@code PendingEvent.fromDocument}; the field names here must stay those, which the
 * integration tests check by reading the published events off the broker.
 */
final class OutboxEntries {

    private final Clock clock;

    OutboxEntries(Clock clock) {
        this.clock = clock;
    }

    List<Document> of(List<? extends DomainEvent> events) {
        var now = clock.instant();
        return events.stream().map(e -> document(PendingEvent.of(e, now))).toList();
    }

    private static Document document(PendingEvent p) {
        return new Document("id", p.id()).append("type", p.ceType()).append("topic", p.topic()).append("key", p.key())
                .append("subject", p.subject()).append("time", Date.from(p.time()))
                .append("traceparent", p.traceparent()).append("payload", p.payload());
    }
}
