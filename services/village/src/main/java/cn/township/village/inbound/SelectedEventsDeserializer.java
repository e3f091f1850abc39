package cn.township.village.inbound;

import cn.township.contracts.CloudEventHeaders;
import cn.township.contracts.DomainEvent;
import cn.township.contracts.EventCatalog;
import cn.township.messaging.consume.CloudEventDeserializer;
import cn.township.messaging.consume.InboundEvent;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the payload only of the event types a listener acts on; any other type arrives as an event without payload
 * (which listeners skip), its JSON never parsed. For a listener on a busy topic that cares for a few of its types,
 * such as this service reading back its own events, where nearly all are points postings.
 */
final class SelectedEventsDeserializer extends CloudEventDeserializer {

    private final Set<String> ceTypes;

    @SafeVarargs
    SelectedEventsDeserializer(Class<? extends DomainEvent>... types) {
        this.ceTypes = Set.of(types).stream().map(t -> EventCatalog.of(t).ceType()).collect(Collectors.toSet());
    }

    @Override
    public InboundEvent deserialize(String topic, Headers headers, byte[] data) {
        String id = text(headers, CloudEventHeaders.ID);
        String type = text(headers, CloudEventHeaders.TYPE);
        if (id == null || type == null || ceTypes.contains(type)) {
            return super.deserialize(topic, headers, data);
        }
        return new InboundEvent(id, type, text(headers, CloudEventHeaders.SOURCE),
                text(headers, CloudEventHeaders.SUBJECT), null, text(headers, CloudEventHeaders.TRACEPARENT), null);
    }

    private static @Nullable String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
