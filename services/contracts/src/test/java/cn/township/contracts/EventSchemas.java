package cn.township.contracts;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON Schemas of the catalogue, for tests: services use {@link #violations} to prove that what they
 * publish matches the contract.
 */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The schema text of a type, or null when the file is missing. */
    static JsonNode load(String resource) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : EventJson.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with a payload of the given ce_type; empty when it matches its schema. */
    public static List<String> violations(String ceType, byte[] payload) {
        EventType<?> type = EventCatalog.byCeType(ceType)
                .orElseThrow(() -> new AssertionError("ce_type " + ceType + " is not in the catalogue"));
        Schema schema = CACHE.computeIfAbsent(type.schemaResource(), resource -> {
            JsonNode node = load(resource);
            if (node == null) {
                throw new AssertionError("no schema " + resource);
            }
            return REGISTRY.getSchema(node.toString(), InputFormat.JSON);
        });
        List<Error> errors = schema.validate(new String(payload, StandardCharsets.UTF_8), InputFormat.JSON);
        return errors.stream().map(Error::toString).toList();
    }

    /** Asserts that a payload matches the schema of its ce_type. */
    public static void assertValid(String ceType, byte[] payload) {
        List<String> violations = violations(ceType, payload);
        if (!violations.isEmpty()) {
            throw new AssertionError(ceType + " payload does not match its schema: " + violations
                    + "\n" + new String(payload, StandardCharsets.UTF_8));
        }
    }
}
