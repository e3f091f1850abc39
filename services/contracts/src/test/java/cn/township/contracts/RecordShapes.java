package cn.township.contracts;

import org.jspecify.annotations.Nullable;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** Reflection over event records: which components are optional and what JSON type each one has. */
final class RecordShapes {

    private RecordShapes() {
    }

    static boolean nullable(RecordComponent component) {
        return component.isAnnotationPresent(Nullable.class)
                || component.getAnnotatedType().isAnnotationPresent(Nullable.class)
                || !component.getType().isPrimitive() && component.getType() == Boolean.class;
    }

    static Class<?> raw(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("unsupported type " + type);
    }

    static Type elementType(Type listType) {
        return ((ParameterizedType) listType).getActualTypeArguments()[0];
    }

    static boolean isList(Type type) {
        return List.class.isAssignableFrom(raw(type));
    }

    static boolean isMap(Type type) {
        return Map.class.isAssignableFrom(raw(type));
    }

    /** The JSON Schema "type" word for a scalar Java type, or null for records, lists and maps. */
    static @Nullable String scalarJsonType(Class<?> c) {
        if (c == String.class || c.isEnum() || c == Instant.class || c == LocalDate.class || c == Duration.class) {
            return "string";
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return "integer";
        }
        if (c == double.class || c == Double.class) {
            return "number";
        }
        if (c == boolean.class || c == Boolean.class) {
            return "boolean";
        }
        return null;
    }
}
