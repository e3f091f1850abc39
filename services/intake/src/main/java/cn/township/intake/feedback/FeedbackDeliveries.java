package cn.township.intake.feedback;

import cn.township.messaging.mongo.ById;
import cn.township.intake.lifecycle.CaseProgress;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The delivery log of results sent back to the city: one document per (case event, ticket), whose id is
 * also the idempotency key the city sees. Each attempt is recorded; a delivery ends DELIVERED or, after
 * the last retry, FAILED, where it stays visible until someone acts.
 */
public final class FeedbackDeliveries {

    public static final String COLLECTION = "feedbackDeliveries";
    public static final String PENDING = "PENDING";
    public static final String SENDING = "SENDING";
    public static final String DELIVERED = "DELIVERED";
    public static final String FAILED = "FAILED";

    private final MongoCollection<Document> deliveries;
    private final Clock clock;

    public FeedbackDeliveries(MongoDatabase database, Clock clock) {
        this.deliveries = database.getCollection(COLLECTION);
        this.clock = clock;
    }

    /** Records a result to send; a second call for the same event and ticket changes nothing. */
    public void schedule(String eventId, String ticketId, @Nullable String ticketNo, CaseProgress progress) {
        Date now = Date.from(clock.instant());
        Document doc = new Document("_id", eventId + ":" + ticketId)
                .append("ticketId", ticketId).append("ticketNo", ticketNo).append("caseId", progress.caseId())
                .append("result", progress.feedback().result()).append("text", progress.feedback().text())
                .append("handledAt", Date.from(progress.at()))
                .append("status", PENDING).append("attemptCount", 0).append("attempts", List.of())
                .append("createdAt", now).append("nextAttemptAt", now);
        try {
            deliveries.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** Takes one due delivery (or one whose sender vanished mid-attempt) for this sender, for {@code lease}. */
    @Nullable Document claimDue(Duration lease) {
        Instant now = clock.instant();
        var due = Filters.or(
                Filters.and(Filters.eq("status", PENDING), Filters.lte("nextAttemptAt", Date.from(now))),
                Filters.and(Filters.eq("status", SENDING), Filters.lt("leaseUntil", Date.from(now))));
        return deliveries.findOneAndUpdate(due,
                Updates.combine(Updates.set("status", SENDING), Updates.set("leaseUntil", Date.from(now.plus(lease)))),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    }

    void delivered(String id, Document attempt) {
        deliveries.updateOne(ById.where(id, Filters.eq("status", SENDING)), Updates.combine(
                Updates.set("status", DELIVERED), Updates.set("deliveredAt", attempt.getDate("at")),
                Updates.inc("attemptCount", 1), Updates.push("attempts", attempt), Updates.unset("leaseUntil")));
    }

    void retryLater(String id, Document attempt, Instant next) {
        deliveries.updateOne(ById.where(id, Filters.eq("status", SENDING)), Updates.combine(
                Updates.set("status", PENDING), Updates.set("nextAttemptAt", Date.from(next)),
                Updates.inc("attemptCount", 1), Updates.push("attempts", attempt), Updates.unset("leaseUntil")));
    }

    void failed(String id, Document attempt) {
        deliveries.updateOne(ById.where(id, Filters.eq("status", SENDING)), Updates.combine(
                Updates.set("status", FAILED), Updates.set("failedAt", attempt.getDate("at")),
                Updates.inc("attemptCount", 1), Updates.push("attempts", attempt), Updates.unset("leaseUntil")));
    }

    /** Puts a failed delivery back in the queue (after the city's endpoint is fixed). */
    public boolean retry(String id) {
        return deliveries.updateOne(ById.where(id, Filters.eq("status", FAILED)), Updates.combine(
                Updates.set("status", PENDING), Updates.set("nextAttemptAt", Date.from(clock.instant())),
                Updates.set("attemptCount", 0))).getModifiedCount() == 1;
    }

    public List<Document> find(@Nullable String status, @Nullable String ticketId, int limit) {
        List<org.bson.conversions.Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status));
        }
        if (ticketId != null) {
            filters.add(Filters.eq("ticketId", ticketId));
        }
        return deliveries.find(filters.isEmpty() ? new Document() : Filters.and(filters))
                .sort(new Document("createdAt", -1)).limit(limit).into(new ArrayList<>());
    }

    public long count(String status) {
        return deliveries.countDocuments(Filters.eq("status", status));
    }

    Clock clock() {
        return clock;
    }
}
