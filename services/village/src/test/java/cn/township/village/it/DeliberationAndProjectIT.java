package cn.township.village.it;

import cn.township.contracts.EventJson;
import cn.township.contracts.EventSchemas;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import cn.township.contracts.village.DeliberationDecided;
import cn.township.contracts.village.DeliberationResult;
import cn.township.village.deadline.DeadlineSweeper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static cn.township.village.it.Api.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Deliberation votes closing by quorum and creating projects; a project's complaints before and after. */
class DeliberationAndProjectIT extends VillageItSupport {

    private static final String DECIDED = "village.village.DeliberationDecided.v1";

    @Autowired
    DeadlineSweeper sweeper;

    @Test
    void aVoteClosesByQuorumAndTheAdoptedProposalBecomesAProject() {
        // nancha has one demo villager (one household), so the quorum is one household
        Api.Reply proposed = api.post(CADRE_NANCHA, "/api/village/deliberations", """
                {"title":"Street lamps on the east road","proposal":"Install 12 solar lamps","quorum":1,
                 "project":{"title":"East road lamps","categories":["street-lighting"],"area":"grid-7"}}""");
        assertThat(proposed.status()).isEqualTo(201);
        assertThat(proposed.body().path("village").asString()).isEqualTo(NANCHA);
        String id = proposed.body().path("id").asString();
        String votes = "/api/village/deliberations/" + id + "/votes";

        assertThat(api.post(VILLAGER_NANCHA, "/api/village/deliberations/" + id + "/comments",
                "{\"text\":\"the old lamps are broken since spring\"}").status()).isEqualTo(200);
        assertThat(api.post(ELDER_NANCHA_1, "/api/village/deliberations/" + id + "/comments",
                "{\"text\":\"agreed\"}").status()).isEqualTo(200);
        Api.Reply otherVillage = api.post(VILLAGER_BEITUMEN, votes, "{\"choice\":\"FOR\"}");
        assertThat(otherVillage.status()).isEqualTo(404);
        assertThat(otherVillage.contentType()).startsWith("application/problem+json");
        assertThat(otherVillage.rule()).isEqualTo("exists");
        assertThat(api.get(CADRE_BEITUMEN, "/api/village/deliberations/" + id).status()).isEqualTo(404);
        assertThat(api.get(CADRE_BEITUMEN, "/api/village/deliberations").body().findValuesAsString("id"))
                .doesNotContain(id);
        Api.Reply cadreVotes = api.post(CADRE_NANCHA, votes, "{\"choice\":\"FOR\"}");
        assertThat(cadreVotes.status()).isEqualTo(403);
        assertThat(cadreVotes.rule()).isEqualTo("role");

        Api.Reply closing = api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"FOR\"}");
        assertThat(closing.status()).isEqualTo(200);
        assertThat(closing.body().path("status").asString()).isEqualTo("DECIDED");
        assertThat(closing.body().path("result").asString()).isEqualTo("ADOPTED");
        assertThat(api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"FOR\"}").rule()).isEqualTo("deliberation-closed");
        assertThat(api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"MAYBE\"}").status()).isEqualTo(400);

        ConsumerRecord<String, byte[]> decided = await().atMost(WAIT)
                .until(() -> wire.find(DECIDED, id), Optional::isPresent).orElseThrow();
        EventSchemas.assertValid(DECIDED, decided.value());
        DeliberationDecided event = EventJson.read(decided.value(), DeliberationDecided.class);
        assertThat(event.votesFor()).isEqualTo(1);
        assertThat(event.votesAgainst()).isZero();
        assertThat(event.projectId()).isEqualTo("project-" + id);

        JsonNode project = await().atMost(WAIT).until(
                () -> api.get(CADRE_NANCHA, "/api/village/projects/project-" + id), r -> r.status() == 200).body();
        assertThat(project.path("project").path("status").asString()).isEqualTo("PLANNED");
        assertThat(project.path("project").path("area").asString()).isEqualTo("grid-7");
        assertThat(project.path("project").path("deliberationId").asString()).isEqualTo(id);
        assertThat(api.get(VILLAGER_NANCHA, "/api/village/projects/project-" + id).status()).isEqualTo(200);
        assertThat(api.get(ELDER_BEITUMEN, "/api/village/projects/project-" + id).status()).isEqualTo(404);
        assertThat(api.post(CADRE_BEITUMEN, "/api/village/projects/project-" + id + "/start", null).status())
                .isEqualTo(404);
        assertThat(api.post(VILLAGER_NANCHA, "/api/village/projects/project-" + id + "/start", null).rule())
                .isEqualTo("role");
    }

    @Test
    void aSecretVoteShowsNoBallotsAndAVoteAfterTheDeadlineIsRefused() {
        String deadline = clock.instant().plus(Duration.ofHours(1)).toString();
        String id = api.post(VILLAGER_NANCHA, "/api/village/deliberations", """
                {"title":"Village rules on dogs","proposal":"Dogs on leads in the lanes","quorum":5,"secret":true,
                 "deadline":"%s"}""".formatted(deadline)).body().path("id").asString();
        String votes = "/api/village/deliberations/" + id + "/votes";
        JsonNode afterVote = api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"AGAINST\"}").body();
        assertThat(afterVote.path("ballots").size()).isZero();
        assertThat(afterVote.path("votesAgainst").asInt()).isEqualTo(1);
        Api.Reply sameHousehold = api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"FOR\"}");
        assertThat(sameHousehold.status()).isEqualTo(409);
        assertThat(sameHousehold.rule()).isEqualTo("one-vote-per-household");
        assertThat(api.get(CADRE_NANCHA, "/api/village/deliberations/" + id).raw()).doesNotContain("AGAINST\"");

        clock.advance(Duration.ofHours(2));
        Api.Reply late = api.post(VILLAGER_NANCHA, votes, "{\"choice\":\"FOR\"}");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.contentType()).startsWith("application/problem+json");
        assertThat(late.rule()).isEqualTo("deadline-passed");

        sweeper.sweep();
        ConsumerRecord<String, byte[]> decided = await().atMost(WAIT)
                .until(() -> wire.find(DECIDED, id), Optional::isPresent).orElseThrow();
        assertThat(EventJson.read(decided.value(), DeliberationDecided.class).result())
                .isEqualTo(DeliberationResult.NO_QUORUM);
    }

    private TicketReceived ticket(String ticketId, String ticketVillage, String category, Instant receivedAt) {
        return new TicketReceived(ticketId, null, TicketSource.HOTLINE_12345, receivedAt, null, TicketKind.COMPLAINT,
                category, null, null, "no water since Monday", null, null, ticketVillage, null, false, null, false,
                Urgency.NORMAL, null, List.of(), List.of(), null);
    }

    @Test
    void aCompletedProjectShowsComplaintsBeforeAndAfter() {
        var cadre = CADRE_NANCHA;
        String village = NANCHA;
        String id = api.post(cadre, "/api/village/projects", """
                {"title":"Sweet water for the north hamlet","categories":["water-supply","water-quality"]}""")
                .body().path("id").asString();
        assertThat(api.post(cadre, "/api/village/projects/" + id + "/start", null).body().path("status").asString())
                .isEqualTo("IN_PROGRESS");
        Instant completed = Instant.parse(api.post(cadre, "/api/village/projects/" + id + "/complete", null).body()
                .path("completedAt").asString());
        assertThat(api.post(cadre, "/api/village/projects/" + id + "/complete", null).rule()).isEqualTo("project-status");

        String repeated = "t-" + UUID.randomUUID();
        wire.publish(ticket(repeated, village, "water-supply", completed.minus(Duration.ofDays(10))), repeated);
        wire.publish(ticket(repeated, village, "water-supply", completed.minus(Duration.ofDays(10))), repeated);
        for (int i = 0; i < 2; i++) {
            String t = "t-" + UUID.randomUUID();
            wire.publish(ticket(t, village, "water-supply", completed.minus(Duration.ofDays(20 + i))), t);
        }
        String q = "t-" + UUID.randomUUID();
        wire.publish(ticket(q, village, "water-quality", completed.minus(Duration.ofDays(3))), q);
        String old = "t-" + UUID.randomUUID();
        wire.publish(ticket(old, village, "water-supply", completed.minus(Duration.ofDays(200))), old);
        String elsewhere = "t-" + UUID.randomUUID();
        wire.publish(ticket(elsewhere, BEITUMEN, "water-supply", completed.minus(Duration.ofDays(5))), elsewhere);
        String roads = "t-" + UUID.randomUUID();
        wire.publish(ticket(roads, village, "roads", completed.minus(Duration.ofDays(5))), roads);
        String after = "t-" + UUID.randomUUID();
        wire.publish(ticket(after, village, "water-supply", completed.plus(Duration.ofDays(1))), after);
        clock.advance(Duration.ofDays(2));

        JsonNode impact = await().atMost(WAIT).until(
                () -> api.get(cadre, "/api/village/projects/" + id).body().path("impact"),
                i -> i.path("totalAfter").asInt() == 1 && i.path("totalBefore").asInt() >= 4);
        assertThat(impact.path("before").path("water-supply").asInt()).isEqualTo(3);
        assertThat(impact.path("before").path("water-quality").asInt()).isEqualTo(1);
        assertThat(impact.path("after").path("water-supply").asInt()).isEqualTo(1);
        assertThat(impact.path("totalBefore").asInt()).isEqualTo(4);
    }
}
