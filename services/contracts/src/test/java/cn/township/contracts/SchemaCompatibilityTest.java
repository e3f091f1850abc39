package cn.township.contracts;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Released schemas (src/test/resources/released-schemas, copied there when a version ships) are the
 * promise made to readers: the current schemas must still keep it.
 */
class SchemaCompatibilityTest {

    private static final Path RELEASED = Path.of("src/test/resources/released-schemas");

    @Test
    void everyReleasedSchemaIsStillReadableByOldReaders() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(RELEASED)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                JsonNode released = EventJson.mapper().readTree(file.toFile());
                JsonNode current = EventSchemas.load("schemas/" + file.getFileName());
                if (current == null) {
                    problems.add(file.getFileName() + ": schema removed (publish a new version instead)");
                    continue;
                }
                SchemaCompatibility.breakingChanges(released, current)
                        .forEach(p -> problems.add(file.getFileName() + ": " + p));
            }
        }
        assertThat(problems).isEmpty();
    }

    private static JsonNode json(String text) {
        return EventJson.mapper().readTree(text);
    }

    private static final String RELEASED_V1 = """
            {"type":"object","required":["caseId","at"],
             "properties":{"caseId":{"type":"string"},"at":{"type":"string"},
               "note":{"anyOf":[{"type":"string"},{"type":"null"}]},
               "state":{"type":"string","enum":["OPEN","CLOSED"]}}}
            """;

    @Test
    void addingAnOptionalFieldIsCompatible() {
        String current = RELEASED_V1.replace("\"note\":", "\"extra\":{\"type\":\"integer\"},\"note\":");
        assertThat(SchemaCompatibility.breakingChanges(json(RELEASED_V1), json(current))).isEmpty();
    }

    @Test
    void removingAFieldBreaksOldReaders() {
        String current = RELEASED_V1.replace("\"note\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]},", "");
        assertThat(SchemaCompatibility.breakingChanges(json(RELEASED_V1), json(current)))
                .containsExactly("note: removed");
    }

    @Test
    void changingATypeBreaksOldReaders() {
        String current = RELEASED_V1.replace("\"caseId\":{\"type\":\"string\"}", "\"caseId\":{\"type\":\"integer\"}");
        assertThat(SchemaCompatibility.breakingChanges(json(RELEASED_V1), json(current)))
                .containsExactly("caseId: type changed from 'string' to 'integer'");
    }

    @Test
    void anOptionalFieldBecomingRequiredBreaksOldReaders() {
        String current = RELEASED_V1.replace("[\"caseId\",\"at\"]", "[\"caseId\",\"at\",\"note\"]");
        assertThat(SchemaCompatibility.breakingChanges(json(RELEASED_V1), json(current)))
                .containsExactly("note: became required");
    }

    @Test
    void removingAnEnumValueBreaksOldReaders() {
        String current = RELEASED_V1.replace("[\"OPEN\",\"CLOSED\"]", "[\"OPEN\"]");
        assertThat(SchemaCompatibility.breakingChanges(json(RELEASED_V1), json(current)))
                .containsExactly("state: enum value 'CLOSED' removed");
    }
}
