package cn.township.village.it;

import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.intake.Complainant;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static cn.township.village.it.Api.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The service consumes tickets (intake.TicketReceived) and hand-downs (dispatch.CaseHandedDown) that carry the
 * complainant. A confidential ticket's complainant must never reach a village-level role, an agency or a
 * villager: the service keeps neither name nor phone, so no read endpoint and no event it publishes can show
 * them. Checked with a real confidential case through every read endpoint, as every village-level demo user.
 */
class ConfidentialComplainantIT extends VillageItSupport {

    private static final String NAME = "Qin Confidential";
    private static final String PHONE = "13955557777";
    private static final String PHONE_MASKED = "139****7777";
    private static final String KEY = "phone-key-7f3a";

    @Autowired
    MongoDatabase database;

    @Test
    void aConfidentialComplainantIsNeitherStoredNorShownNorPublished() {
        String category = "noise-" + UUID.randomUUID().toString().substring(0, 6);
        String project = api.post(CADRE_NANCHA, "/api/village/projects",
                "{\"title\":\"Quiet nights\",\"categories\":[\"" + category + "\"]}").body().path("id").asString();
        api.post(CADRE_NANCHA, "/api/village/projects/" + project + "/start", null);
        Instant completed = Instant.parse(api.post(CADRE_NANCHA, "/api/village/projects/" + project + "/complete", null)
                .body().path("completedAt").asString());

        String ticketId = "t-" + UUID.randomUUID();
        wire.publish(new TicketReceived(ticketId, "12345-" + ticketId, TicketSource.HOTLINE_12345,
                completed.minus(Duration.ofDays(2)), null, TicketKind.COMPLAINT, category, "construction", null,
                "loud machines at night, call me on " + PHONE, "east lane 3", null, NANCHA, "nancha-01", false,
                new Complainant(NAME, PHONE_MASKED, KEY), true, Urgency.NORMAL, null, List.of(), List.of(), null),
                ticketId);
        String caseId = "case-" + UUID.randomUUID();
        wire.publish(new CaseHandedDown(caseId, List.of(ticketId), NANCHA, category, "complaint found unreasonable",
                "elders talk to both neighbours", NAME, PHONE_MASKED, true, "dispatcher", Instant.now()), caseId);

        // the case and the ticket have arrived: the council and review exist, the project counts the ticket
        await().atMost(WAIT).until(() -> api.get(CADRE_NANCHA, "/api/village/councils/council-" + caseId).status() == 200
                && api.get(CADRE_NANCHA, "/api/village/reviews/review-" + caseId).status() == 200
                && api.get(CADRE_NANCHA, "/api/village/projects/" + project).body().path("impact")
                .path("totalBefore").asInt() == 1);
        for (Api.Who elder : List.of(ELDER_NANCHA_1, ELDER_NANCHA_2, ELDER_NANCHA_3)) {
            api.post(elder, "/api/village/councils/council-" + caseId + "/opinions",
                    "{\"opinion\":\"UNREASONABLE\",\"comment\":\"no basis\"}");
        }
        await().atMost(WAIT).until(() -> wire.find("village.village.ElderReviewConcluded.v1", caseId).isPresent());

        List<String> reads = List.of("/api/village/councils", "/api/village/councils?status=CONCLUDED",
                "/api/village/councils/council-" + caseId, "/api/village/reviews",
                "/api/village/reviews/review-" + caseId, "/api/village/representatives", "/api/village/deliberations",
                "/api/village/points/catalogue", "/api/village/points/leaderboard",
                "/api/village/points/accounts/" + HOUSEHOLD_NANCHA,
                "/api/village/points/accounts/" + HOUSEHOLD_NANCHA + "/entries",
                "/api/village/points/accounts/" + HOUSEHOLD_NANCHA + "/statements/2026-05",
                "/api/village/projects", "/api/village/projects/" + project);
        int shown = 0;
        for (Api.Who who : List.of(CADRE_NANCHA, GRID_NANCHA, ELDER_NANCHA_1, VILLAGER_NANCHA, AGENCY, MEDIATOR,
                ASSESSOR)) {
            for (String path : reads) {
                Api.Reply reply = api.get(who, path);
                assertThat(reply.status()).as(who + " " + path).isIn(200, 403, 404);
                assertThat(reply.raw()).as(who + " " + path).doesNotContain(NAME, PHONE, PHONE_MASKED, KEY);
                if (reply.status() == 200 && reply.raw().contains(caseId)) {
                    shown++;
                }
            }
        }
        // the case itself is visible to the village (council, review, lists), only its complainant is not
        assertThat(shown).isGreaterThanOrEqualTo(8);

        for (ConsumerRecord<String, byte[]> published : wire.all()) {
            String payload = new String(published.value(), StandardCharsets.UTF_8);
            assertThat(payload).doesNotContain(NAME, PHONE, PHONE_MASKED, KEY);
        }
        for (String collection : database.listCollectionNames()) {
            for (Document d : database.getCollection(collection).find()) {
                assertThat(d.toJson()).as(collection).doesNotContain(NAME, PHONE, PHONE_MASKED, KEY);
            }
        }
    }
}
