package cn.township.e2e;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static cn.township.e2e.Fixtures.ok;
import static cn.township.e2e.Platform.get;
import static cn.township.e2e.Platform.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Flow 5, through the gateway only: 12345 complaints about street lights in 南岔村 → the village cadre puts a
 * livelihood project (民生实事) to the villagers' deliberation (村民议事) → the vote adopts it → the project is
 * carried out → its page counts the category's complaints before completion and after.
 */
class LivelihoodProjectIT {

    @Test
    void aDeliberationAdoptsAProjectThatCoversAComplaintCategory() {
        push("street-lights");

        Platform.Reply proposed = post("cadre-nancha", "/api/village/deliberations", """
                {"title":"Street lamps on the east road","proposal":"Install 12 solar lamps on the east road","quorum":1,
                 "project":{"title":"East road lamps","categories":["street-lights"]}}""");
        assertThat(proposed.status()).as("%s", proposed).isEqualTo(201);
        String deliberation = proposed.json().path("id").asString();
        Platform.Reply voted = post("villager-nancha", "/api/village/deliberations/" + deliberation + "/votes",
                "{\"choice\":\"FOR\"}");
        ok(voted);
        assertThat(voted.json().path("status").asString()).isEqualTo("DECIDED");
        assertThat(voted.json().path("result").asString()).isEqualTo("ADOPTED");

        String project = "/api/village/projects/project-" + deliberation;
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("cadre-nancha", project).json().path("project").path("status").asString()).isEqualTo("PLANNED"));
        assertThat(get("villager-nancha", project).status()).as("villagers follow their projects").isEqualTo(200);
        assertThat(get("cadre-beitumen", project).status()).as("another village does not see it").isEqualTo(404);
        ok(post("cadre-nancha", project + "/start", null));
        Platform.Reply completed = post("cadre-nancha", project + "/complete", null);
        ok(completed);
        Instant completedAt = Instant.parse(completed.json().path("completedAt").asString());

        // a complaint after completion (12345 times are whole seconds: let the second of completion pass)
        await().atMost(Duration.ofSeconds(5)).until(() -> Platform.now().isAfter(completedAt.plusSeconds(1)));
        push("street-lights");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode impact = get("cadre-nancha", project).json().path("impact");
            assertThat(impact.path("before").path("street-lights").asInt()).as("%s", impact).isGreaterThanOrEqualTo(1);
            assertThat(impact.path("after").path("street-lights").asInt()).as("%s", impact).isGreaterThanOrEqualTo(1);
        });
    }

    private static void push(String category) {
        Platform.Reply pushed = post("service-account-hotline", "/api/intake/v1/tickets",
                Fixtures.ticket("E2E-" + UUID.randomUUID(), category, false));
        assertThat(pushed.status()).as("%s", pushed).isEqualTo(201);
    }
}
