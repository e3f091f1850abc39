package cn.township.contracts;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;

/**
 * Drafts a JSON Schema (2020-12) for a new event record. Drafts are written once into
 * {@code src/main/resources/schemas} and then maintained by hand as the contract; this class never
 * overwrites an existing schema.
 */
final class SchemaGenerator {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private SchemaGenerator() {
    }

    static ObjectNode draft(EventType<?> type) {
        ObjectNode schema = objectSchema(type.payloadType());
        ObjectNode root = JSON.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", "urn:township:event:" + type.ceType());
        root.put("title", type.payloadType().getSimpleName());
        root.put("description", "Payload of ce_type " + type.ceType() + " on topic " + type.topic());
        root.setAll(schema);
        return root;
    }

    private static ObjectNode objectSchema(Class<?> record) {
        ObjectNode node = JSON.objectNode();
        node.put("type", "object");
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            ObjectNode property = valueSchema(component.getGenericType());
            if (RecordShapes.nullable(component)) {
                property = nullableOf(property);
            } else {
                required.add(component.getName());
            }
            properties.set(component.getName(), property);
        }
        node.set("required", required);
        node.put("additionalProperties", false);
        return node;
    }

    private static ObjectNode nullableOf(ObjectNode schema) {
        ObjectNode any = JSON.objectNode();
        any.putArray("anyOf").add(schema).add(JSON.objectNode().put("type", "null"));
        return any;
    }

    private static ObjectNode valueSchema(Type type) {
        Class<?> raw = RecordShapes.raw(type);
        if (RecordShapes.isList(type)) {
            ObjectNode node = JSON.objectNode().put("type", "array");
            node.set("items", valueSchema(RecordShapes.elementType(type)));
            return node;
        }
        if (raw.isRecord()) {
            return objectSchema(raw);
        }
        String scalar = RecordShapes.scalarJsonType(raw);
        if (scalar == null) {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type);
        }
        ObjectNode node = JSON.objectNode().put("type", scalar);
        if (raw.isEnum()) {
            ArrayNode values = node.putArray("enum");
            Arrays.stream(raw.getEnumConstants()).map(v -> ((Enum<?>) v).name()).forEach(values::add);
        } else if (raw == Instant.class) {
            node.put("format", "date-time");
        } else if (raw == LocalDate.class) {
            node.put("format", "date");
        } else if (raw == Duration.class) {
            node.put("format", "duration");
        }
        return node;
    }
}
