package cn.township.contracts;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the changes between a released schema and the current one that would break a reader written
 * against the released one: a removed property, a changed type, a newly required property, a removed
 * enum value. Adding an optional property is fine.
 */
final class SchemaCompatibility {

    private SchemaCompatibility() {
    }

    static List<String> breakingChanges(JsonNode released, JsonNode current) {
        List<String> problems = new ArrayList<>();
        compare("", released, current, problems);
        return problems;
    }

    private static void compare(String path, JsonNode released, JsonNode current, List<String> problems) {
        released = unwrapNullable(released);
        current = unwrapNullable(current);
        String oldType = released.path("type").asString("");
        String newType = current.path("type").asString("");
        if (!oldType.equals(newType)) {
            problems.add(at(path) + "type changed from '" + oldType + "' to '" + newType + "'");
            return;
        }
        if (released.has("enum")) {
            Set<String> now = values(current.path("enum"));
            for (JsonNode value : released.path("enum")) {
                if (!now.isEmpty() && !now.contains(value.asString())) {
                    problems.add(at(path) + "enum value '" + value.asString() + "' removed");
                }
            }
        }
        if ("array".equals(oldType)) {
            compare(path + "[]", released.path("items"), current.path("items"), problems);
        }
        if ("object".equals(oldType)) {
            Set<String> wasRequired = values(released.path("required"));
            for (String name : values(current.path("required"))) {
                if (!wasRequired.contains(name)) {
                    problems.add(at(path + "." + name) + "became required");
                }
            }
            for (var field : released.path("properties").properties()) {
                JsonNode now = current.path("properties").get(field.getKey());
                if (now == null) {
                    problems.add(at(path + "." + field.getKey()) + "removed");
                } else {
                    compare(path + "." + field.getKey(), field.getValue(), now, problems);
                }
            }
        }
    }

    /** {@code anyOf: [X, {type: null}]} is how an optional field is written; compare X. */
    private static JsonNode unwrapNullable(JsonNode node) {
        JsonNode anyOf = node.path("anyOf");
        if (anyOf.isArray() && anyOf.size() == 2 && "null".equals(anyOf.get(1).path("type").asString(""))) {
            return anyOf.get(0);
        }
        return node;
    }

    private static Set<String> values(JsonNode array) {
        Set<String> out = new HashSet<>();
        array.forEach(v -> out.add(v.asString()));
        return out;
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(root)" : path.substring(1)) + ": ";
    }
}
