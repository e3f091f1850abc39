package cn.township.contracts;

import cn.township.contracts.dispatch.DispatchEvents;
import cn.township.contracts.intake.IntakeEvents;
import cn.township.contracts.mediation.MediationEvents;
import cn.township.contracts.village.VillageEvents;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Every event type the platform publishes, looked up by {@code ce_type} or by record class. */
public final class EventCatalog {

    private static final List<EventType<?>> ALL = Stream.of(
                    IntakeEvents.TYPES, DispatchEvents.TYPES, MediationEvents.TYPES, VillageEvents.TYPES)
            .flatMap(List::stream)
            .toList();
    private static final Map<String, EventType<?>> BY_TYPE = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType<?>> BY_CLASS = ALL.stream()
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    public static Optional<EventType<?>> byCeType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    @SuppressWarnings("unchecked")
    public static <E extends DomainEvent> EventType<E> of(Class<E> payloadType) {
        EventType<?> type = BY_CLASS.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType.getName() + " is not in the event catalogue");
        }
        return (EventType<E>) type;
    }
}
