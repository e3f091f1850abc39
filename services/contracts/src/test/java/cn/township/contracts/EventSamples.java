package cn.township.contracts;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * Builds sample instances of any event record: every field filled ({@link #full}) or every optional
 * field left out ({@link #minimal}). Used to prove that what the services publish matches the schemas.
 */
public final class EventSamples {

    private static final Instant T0 = Instant.parse("2026-05-01T08:30:00Z");

    private EventSamples() {
    }

    public static <E> E full(Class<E> type) {
        return build(type, true);
    }

    public static <E> E minimal(Class<E> type) {
        return build(type, false);
    }

    private static <E> E build(Class<E> record, boolean fillOptional) {
        RecordComponent[] components = record.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            boolean leaveOut = !fillOptional && RecordShapes.nullable(c);
            values[i] = leaveOut ? null : value(c.getName(), c.getGenericType(), fillOptional);
        }
        try {
            return record.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build a sample " + record.getSimpleName(), e);
        }
    }

    private static Object value(String name, Type type, boolean fillOptional) {
        Class<?> raw = RecordShapes.raw(type);
        if (RecordShapes.isList(type)) {
            return List.of(value(name, RecordShapes.elementType(type), fillOptional));
        }
        if (RecordShapes.isMap(type)) {
            return Map.of();
        }
        if (raw.isRecord()) {
            return build(raw, fillOptional);
        }
        if (raw.isEnum()) {
            return raw.getEnumConstants()[0];
        }
        if (raw == String.class) {
            return name + "-1";
        }
        if (raw == Instant.class) {
            return T0;
        }
        if (raw == LocalDate.class) {
            return LocalDate.of(2026, 5, 1);
        }
        if (raw == Duration.class) {
            return Duration.ofHours(24);
        }
        if (raw == int.class || raw == Integer.class) {
            return 3;
        }
        if (raw == long.class || raw == Long.class) {
            return 3L;
        }
        if (raw == double.class || raw == Double.class) {
            return 0.5;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Boolean.TRUE;
        }
        throw new IllegalArgumentException("no sample value for " + type);
    }
}
