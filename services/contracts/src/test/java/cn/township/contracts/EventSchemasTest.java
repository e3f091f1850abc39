package cn.township.contracts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EventSchemasTest {

    /** Set -Dcontracts.writeSchemas=true to draft the schema of a new event (an existing file is never touched). */
    private static final boolean WRITE_MISSING = Boolean.getBoolean("contracts.writeSchemas");

    static Stream<EventType<?>> types() {
        return EventCatalog.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void everyEventHasASchema(EventType<?> type) throws IOException {
        if (EventSchemas.load(type.schemaResource()) == null && WRITE_MISSING) {
            Path file = Path.of("src/main/resources").resolve(type.schemaResource());
            Files.createDirectories(file.getParent());
            Files.writeString(file, SchemaGenerator.draft(type).toPrettyString() + "\n");
        }
        assertThat(EventSchemas.load(type.schemaResource()))
                .as("schema %s (draft one with -Dcontracts.writeSchemas=true)", type.schemaResource())
                .isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void fullAndMinimalEventsValidateAgainstTheirSchema(EventType<?> type) {
        for (DomainEvent sample : List.of(EventSamples.full(type.payloadType()), EventSamples.minimal(type.payloadType()))) {
            byte[] json = EventJson.write(sample);
            assertThat(EventSchemas.violations(type.ceType(), json)).as(new String(json)).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void eventsSurviveTheWireUnchanged(EventType<?> type) {
        DomainEvent sample = EventSamples.full(type.payloadType());
        byte[] json = EventJson.write(sample);
        assertThat(EventJson.read(json, type.payloadType())).isEqualTo(sample);
        assertThat(new String(json)).doesNotContain("cn.township").doesNotContain("@class");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void schemaNamesEveryFieldAndRequiresExactlyTheMandatoryOnes(EventType<?> type) {
        JsonNode schema = EventSchemas.load(type.schemaResource());
        RecordComponent[] components = type.payloadType().getRecordComponents();
        Set<String> fields = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        Set<String> mandatory = Arrays.stream(components).filter(c -> !RecordShapes.nullable(c))
                .map(RecordComponent::getName).collect(Collectors.toSet());
        Set<String> properties = new HashSet<>(schema.path("properties").propertyNames());
        Set<String> required = new HashSet<>();
        schema.path("required").forEach(n -> required.add(n.asString()));
        assertThat(properties).isEqualTo(fields);
        assertThat(required).isEqualTo(mandatory);
    }

    @Test
    void ceTypesAreUniqueAndVersioned() {
        List<String> names = EventCatalog.all().stream().map(EventType::ceType).toList();
        assertThat(names).doesNotHaveDuplicates()
                .allMatch(n -> n.matches("[a-z]+\\.[a-z]+\\.[A-Z][A-Za-z]+\\.v[0-9]+"), "looks like case.dispatch.CaseOpened.v1");
    }

    @Test
    void anUnknownFieldFromANewerProducerIsIgnored() {
        byte[] json = """
                {"caseId":"C-1","by":"u","at":"2026-05-01T08:30:00Z","addedLater":42}
                """.getBytes();
        var event = EventJson.read(json, cn.township.contracts.dispatch.ComplainantContacted.class);
        assertThat(event.caseId()).isEqualTo("C-1");
    }
}
