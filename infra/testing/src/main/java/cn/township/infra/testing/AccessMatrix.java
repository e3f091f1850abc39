package cn.township.infra.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The platform's one access table, {@code infra/keycloak/access-matrix.csv} (put on a module's test classpath as
 * {@code /access-matrix.csv}): method, path, role → {@code allowed}, {@code denied} or {@code scoped}.
 */
public final class AccessMatrix {

    public static final List<String> ROLES = List.of("hotline", "secretary", "dispatcher", "department", "agency",
            "village-cadre", "grid-worker", "mediator", "elder", "villager", "assessor");
    private static final Set<String> EXPECTATIONS = Set.of("allowed", "denied", "scoped");
    private static final String HEADER = "method,path,role,expect";

    /** One decision of the table. */
    public record Row(String method, String path, String role, String expect) {
        public String key() {
            return method + " " + path;
        }
    }

    private AccessMatrix() {
    }

    /** The rows whose path starts with one of the prefixes (all rows when none is given); a malformed table throws. */
    public static List<Row> rows(String... pathPrefixes) {
        try (InputStream in = AccessMatrix.class.getResourceAsStream("/access-matrix.csv")) {
            if (in == null) {
                throw new IllegalStateException("access-matrix.csv is not on the test classpath");
            }
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
            if (!lines.getFirst().equals(HEADER)) {
                throw new IllegalStateException("access-matrix.csv must start with " + HEADER);
            }
            return lines.stream().skip(1).map(AccessMatrix::row)
                    .filter(r -> pathPrefixes.length == 0 || Arrays.stream(pathPrefixes).anyMatch(r.path()::startsWith))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Row row(String line) {
        String[] f = line.split(",", -1);
        if (f.length != 4 || !ROLES.contains(f[2].trim()) || !EXPECTATIONS.contains(f[3].trim())) {
            throw new IllegalStateException("access-matrix.csv: not method,path,<role>,allowed|denied|scoped: " + line);
        }
        return new Row(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim());
    }
}
