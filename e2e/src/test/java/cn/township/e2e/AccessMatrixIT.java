package cn.township.e2e;

import cn.township.infra.testing.AccessMatrix;
import cn.township.infra.testing.AccessMatrix.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authorization matrix ({@code access-matrix.csv}: method, path, role, expect) against the running platform,
 * through the gateway, with a real token of a demo user for every role:
 * <ul>
 *   <li>the table covers every operation of every service's OpenAPI document for all eleven roles, and names
 *       no operation the documents do not have;</li>
 *   <li>{@code denied}: the role is refused (401/403, or 404 where existence must not leak) on a real record;</li>
 *   <li>{@code allowed}: the role is never refused (no 401/403);</li>
 *   <li>{@code scoped}: a user of the role in the record's scope (南岔村, construction, police) is not refused
 *       by role, and a user of the same role in another scope (北土门村, agriculture, market supervision) cannot
 *       read the record: 403/404, or a list that does not contain it;</li>
 *   <li>no answer is a 5xx, and every refusal is {@code application/problem+json}.</li>
 * </ul>
 */
class AccessMatrixIT {

    /** The same role in another village, department or agency than the fixture's. */
    static final Map<String, String> OTHER_SCOPE = Map.of("village-cadre", "cadre-beitumen", "grid-worker", "grid-beitumen",
            "elder", "elder-beitumen-1", "villager", "villager-beitumen", "department", "dept-agriculture",
            "agency", "agency-market");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    static List<Row> table;
    static Fixtures.HandedDown fixture;

    @BeforeAll
    static void load() {
        table = AccessMatrix.rows();
        fixture = Fixtures.handedDownCase(false);
    }

    @Test
    void theTableCoversEveryDocumentedOperationForEveryRole() {
        Set<String> documented = new TreeSet<>();
        OpenApi.endpoints().forEach(e -> documented.add(e.key()));
        Set<String> inTable = new TreeSet<>();
        table.forEach(r -> inTable.add(r.key() + " " + r.role()));

        List<String> missing = new ArrayList<>();
        for (String operation : documented) {
            for (String role : AccessMatrix.ROLES) {
                if (!inTable.contains(operation + " " + role)) {
                    missing.add(operation + " " + role);
                }
            }
        }
        Set<String> stale = new TreeSet<>();
        table.stream().map(Row::key).filter(k -> !documented.contains(k)).forEach(stale::add);
        Map<String, Long> duplicates = new LinkedHashMap<>();
        table.stream().map(r -> r.key() + " " + r.role()).forEach(k -> duplicates.merge(k, 1L, Long::sum));
        duplicates.values().removeIf(n -> n == 1);

        assertThat(documented).as("operations documented by the services").hasSizeGreaterThan(20);
        assertThat(missing).as("documented operations × roles the table does not decide").isEmpty();
        assertThat(stale).as("table rows for operations no service documents").isEmpty();
        assertThat(duplicates).as("operations × roles decided twice").isEmpty();
    }

    @Test
    void everyRoleGetsWhatTheTableSays() {
        List<String> wrong = new ArrayList<>();
        // refusals first, reads next, permitted writes last (they may change the fixture)
        List<Row> ordered = new ArrayList<>(table.stream().filter(r -> r.expect().equals("denied")).toList());
        ordered.addAll(table.stream().filter(r -> !r.expect().equals("denied") && r.method().equals("GET")).toList());
        ordered.addAll(table.stream().filter(r -> !r.expect().equals("denied") && !r.method().equals("GET")).toList());
        for (Row row : ordered) {
            if (row.path().startsWith("/open311/")) {
                continue; // public by the GeoReport v2 spec: checked for 5xx below, not by role
            }
            String path = fill(row.path());
            String user = Platform.USER_OF_ROLE.get(row.role());
            Platform.Reply reply = Platform.send(user, row.method(), path, row.method().equals("GET") ? null : "{}");
            String seen = row.method() + " " + path + " as " + user + " (" + row.expect() + "): " + reply;
            if (reply.status() >= 500) {
                wrong.add("5xx " + seen);
                continue;
            }
            boolean refused = reply.status() == 401 || reply.status() == 403;
            switch (row.expect()) {
                case "denied" -> {
                    if (!(refused || reply.status() == 404)) {
                        wrong.add("not refused " + seen);
                    } else if (!reply.isProblem()) {
                        wrong.add("refusal not problem+json " + seen);
                    }
                }
                case "allowed" -> {
                    if (refused) {
                        wrong.add("refused " + seen);
                    }
                }
                default -> {
                    if (reply.status() == 401) {
                        wrong.add("refused " + seen);
                    }
                    String other = OTHER_SCOPE.get(row.role());
                    if (other != null && row.method().equals("GET")) {
                        Platform.Reply foreign = Platform.get(other, path);
                        boolean sees = foreign.status() / 100 == 2 && foreign.body().contains(fixture.caseId())
                                || foreign.status() / 100 == 2 && TEMPLATE.matcher(row.path()).find();
                        if (sees || foreign.status() >= 500) {
                            wrong.add("out of scope " + other + " got " + foreign + " for " + seen);
                        }
                    }
                }
            }
        }
        for (OpenApi.Endpoint endpoint : OpenApi.endpoints()) {
            if (endpoint.path().startsWith("/open311/") && endpoint.method().equals("GET")) {
                Platform.Reply reply = Platform.get(null, fill(endpoint.path()));
                if (reply.status() >= 500) {
                    wrong.add("5xx anonymous GET " + endpoint.path() + ": " + reply);
                }
            }
        }
        assertThat(wrong).as("answers that differ from the access matrix").isEmpty();
    }

    static String fill(String template) {
        return Fixtures.path(template, fixture.ticketId(), fixture.caseId());
    }
}
