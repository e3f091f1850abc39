package cn.township.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static cn.township.e2e.Platform.get;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A confidential ticket pushed by the hotline, carried to the village (summoned police, handed down to the
 * elders and the mediation team): every GET endpoint of every service's OpenAPI document, read as the village
 * cadre, an elder, the grid worker, the summoned agency and a villager, never shows the complainant's name or
 * phone (full or masked); the secretary still sees the name.
 */
class ConfidentialityIT {

    static final List<String> RESTRICTED = List.of("cadre-nancha", "elder-nancha-1", "grid-nancha", "agency-police",
            "villager-nancha");

    @Test
    void aConfidentialComplainantNeverReachesVillageRolesAgenciesOrVillagers() {
        Fixtures.HandedDown fixture = Fixtures.handedDownCase(true);
        String name = fixture.name();
        String phone = fixture.phone();
        String ticketId = fixture.ticketId();
        String caseId = fixture.caseId();

        assertThat(get("secretary", "/api/intake/v1/tickets/" + ticketId).body())
                .as("the township still sees who complained (intake keeps a confidential complainant)").contains(name);

        List<String> leaks = new ArrayList<>();
        int reads = 0;
        for (OpenApi.Endpoint endpoint : OpenApi.endpoints()) {
            if (!endpoint.method().equals("GET")) {
                continue;
            }
            String path = Fixtures.path(endpoint.path(), ticketId, caseId);
            for (String user : RESTRICTED) {
                Platform.Reply reply = get(user, path);
                reads++;
                assertThat(reply.status()).as("%s %s as %s: %s", endpoint.method(), path, user, reply).isLessThan(500);
                String last4 = phone.substring(phone.length() - 4);
                if (reply.body().contains(name) || reply.body().contains(phone)
                        || reply.body().contains(phone.substring(0, 3) + "****" + last4)
                        || reply.body().contains("\"****" + last4 + "\"")) {
                    leaks.add(user + " GET " + path + " -> " + reply);
                }
            }
        }
        assertThat(reads).as("reads made").isGreaterThan(RESTRICTED.size() * 10);
        assertThat(leaks).as("responses that show the confidential complainant").isEmpty();
    }
}
