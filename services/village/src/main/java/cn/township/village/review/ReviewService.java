package cn.township.village.review;

import cn.township.messaging.mongo.ById;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.village.config.VillageProperties;
import cn.township.village.persistence.AggregateStore;
import cn.township.village.rule.RuleViolation;
import cn.township.village.web.Caller;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Villagers' reviews of handed-down cases and the register of each village's representatives (one document
 * per village in {@code representatives}).
 */
@Service
public class ReviewService {

    private final AggregateStore<VillagerReview> store;
    private final MongoCollection<Document> register;
    private final VillageProperties.Review settings;
    private final Clock clock;

    ReviewService(MongoDatabase database, OutboxRelay relay, Clock clock, VillageProperties properties) {
        this.store = new AggregateStore<>(database, "reviews", VillagerReview.class, relay, clock);
        this.register = database.getCollection("representatives");
        this.settings = properties.review();
        this.clock = clock;
    }

    public boolean open(CaseHandedDown handedDown) {
        Instant now = clock.instant();
        return store.insert(VillagerReview.open(handedDown.caseId(), handedDown.village(), handedDown.category(), now,
                now.plus(settings.deadline()), representatives(handedDown.village())), List.of());
    }

    /** Mediation reached agreements on these cases; idempotent (setting a flag twice changes nothing). */
    public void agreementsReached(List<String> caseIds) {
        if (caseIds.isEmpty()) {
            return;
        }
        List<String> ids = caseIds.stream().map(VillagerReview::idFor).distinct().toList();
        List<String> open = new java.util.ArrayList<>();
        store.collection().find(ById.whereIn(ids, Filters.eq("status", "OPEN")))
                .projection(com.mongodb.client.model.Projections.include("_id"))
                .forEach(d -> open.add(d.getString("_id")));
        open.forEach(id -> store.change("review", id, VillagerReview::markConverted));
    }

    public VillagerReview respond(Caller caller, String reviewId, int rating, String comment) {
        caller.villageAs(Caller.VILLAGER);
        caller.requireVillage(store.get("review", reviewId).village(), "review", reviewId);
        return store.change("review", reviewId,
                r -> r.respond(caller.user(), caller.household(), rating, comment, clock.instant()));
    }

    public VillagerReview get(Caller caller, String reviewId) {
        caller.villageAs(Caller.CADRE, Caller.ELDER, Caller.VILLAGER);
        VillagerReview review = store.get("review", reviewId);
        caller.requireVillage(review.village(), "review", reviewId);
        return review;
    }

    public List<VillagerReview> list(Caller caller, VillagerReview.@Nullable Status status) {
        String village = caller.villageAs(Caller.CADRE, Caller.ELDER, Caller.VILLAGER);
        Bson filter = status == null ? Filters.eq("village", village)
                : Filters.and(Filters.eq("village", village), Filters.eq("status", status.name()));
        return store.list(filter, Sorts.descending("openedAt"), 200);
    }

    public List<String> representatives(String village) {
        Document d = register.find(Filters.eq("_id", village)).first();
        return d == null ? List.of() : d.getList("villagers", String.class, List.of());
    }

    /** Replaces the village's register; reviews already open keep the representatives they opened with. */
    public List<String> setRepresentatives(Caller caller, List<String> villagers) {
        String village = caller.villageAs(Caller.CADRE);
        List<String> distinct = villagers.stream().map(String::trim).filter(v -> !v.isEmpty()).distinct().toList();
        if (distinct.size() > 200) {
            throw RuleViolation.invalid("representatives", "at most 200 representatives");
        }
        register.replaceOne(Filters.eq("_id", village), new Document("_id", village).append("villagers", distinct),
                new ReplaceOptions().upsert(true));
        return distinct;
    }

    public int expireDue() {
        Instant now = clock.instant();
        List<String> due = store.due(now, 500);
        due.forEach(id -> store.change("review", id, r -> r.expire(now)));
        return due.size();
    }
}
