package cn.township.mediation.scheduling.persistence;

import cn.township.messaging.mongo.ById;
import cn.township.mediation.persistence.Bson;
import cn.township.mediation.scheduling.Interval;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Who holds which person or room in which quarter hour. One document per (resource, quarter hour), its
 * {@code _id} made of both, so MongoDB's unique {@code _id} decides between concurrent bookings on any
 * number of instances: the second insert of the same claim fails, and that booking rolls back the claims it
 * made itself. No multi-document transaction is needed.
 */
@Component
public class ClaimLedger {

    /** The grid claims are taken on; a session not aligned to it holds every quarter it touches. */
    public static final Duration GRAIN = Duration.ofMinutes(15);

    private final MongoCollection<Document> claims;
    private final Clock clock;

    ClaimLedger(MongoDatabase database, Clock clock) {
        this.claims = database.getCollection("claims");
        this.clock = clock;
        claims.createIndex(Indexes.ascending("sessionId"));
    }

    /** The outcome of a claim attempt: either everything is held, or who clashes (and nothing new is held). */
    public record Result(boolean held, @Nullable String resource, @Nullable String heldBy, @Nullable Instant at) {
        static Result ok() {
            return new Result(true, null, null, null);
        }
    }

    /**
     * Claims every resource for every grain of the span for the session. Claims the session already holds
     * (a reschedule overlapping its old time) count as held. On the first clash the claims inserted by this
     * call are removed again and the clash is returned. {@code stale} is asked about a clashing claim (owner
     * session id, grain start) and may declare it abandoned, in which case it is removed and taken.
     */
    public Result claim(String sessionId, Collection<String> resources, Interval span, Staleness stale) {
        List<String> inserted = new ArrayList<>();
        // one global order (time, then key): of two bookings racing for the same claims one always wins
        List<String> ordered = resources.stream().distinct().sorted().toList();
        for (Instant grain : grains(span)) {
            for (String resource : ordered) {
                String id = id(resource, grain);
                Document doc = new Document("_id", id).append("resource", resource).append("sessionId", sessionId)
                        .append("at", Bson.date(grain)).append("claimedAt", Bson.date(clock.instant()));
                Document existing = tryInsert(doc);
                String holder = existing == null ? null : existing.getString("sessionId");
                if (holder != null && !holder.equals(sessionId)
                        && stale.stale(holder, resource, grain, Bson.instant(existing, "claimedAt"))) {
                    claims.deleteOne(ById.where(id, Filters.eq("sessionId", holder)));
                    existing = tryInsert(doc);
                    holder = existing == null ? null : existing.getString("sessionId");
                }
                if (holder == null) {
                    inserted.add(id);
                } else if (!holder.equals(sessionId)) {
                    release(sessionId, inserted);
                    return new Result(false, resource, holder, grain);
                }
            }
        }
        return Result.ok();
    }

    /** Removes the session's claims on these ids (never another session's). */
    public void release(String sessionId, Collection<String> ids) {
        if (!ids.isEmpty()) {
            claims.deleteMany(ById.whereIn(ids, Filters.eq("sessionId", sessionId)));
        }
    }

    /** Removes the session's claims outside the span it now occupies (after a reschedule or cancellation). */
    public void releaseAllBut(String sessionId, Collection<String> resources, @Nullable Interval keep) {
        List<String> keepIds = new ArrayList<>();
        if (keep != null) {
            for (Instant grain : grains(keep)) {
                resources.forEach(r -> keepIds.add(id(r, grain)));
            }
        }
        claims.deleteMany(keepIds.isEmpty() ? Filters.eq("sessionId", sessionId)
                : Filters.and(Filters.eq("sessionId", sessionId), Filters.nin("_id", keepIds)));
    }

    /** The claim ids a session would hold for a span. */
    public static List<String> ids(Collection<String> resources, Interval span) {
        List<String> ids = new ArrayList<>();
        for (Instant grain : grains(span)) {
            resources.forEach(r -> ids.add(id(r, grain)));
        }
        return ids;
    }

    /** @return null when inserted, else the claim that holds the id (one retry if its holder just let go) */
    private @Nullable Document tryInsert(Document doc) {
        for (int attempt = 0; ; attempt++) {
            try {
                claims.insertOne(doc);
                return null;
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                Document existing = claims.find(Filters.eq("_id", doc.get("_id"))).first();
                if (existing != null || attempt > 0) {
                    return existing != null ? existing
                            : new Document("sessionId", "(another booking)").append("claimedAt", doc.get("claimedAt"));
                }
            }
        }
    }

    /** Decides whether a clashing claim was abandoned (its session gone, cancelled or moved). */
    @FunctionalInterface
    public interface Staleness {
        boolean stale(String holderSession, String resource, Instant grain, @Nullable Instant claimedAt);
    }

    static List<Instant> grains(Interval span) {
        long grain = GRAIN.toSeconds();
        long first = Math.floorDiv(span.start().getEpochSecond(), grain) * grain;
        List<Instant> list = new ArrayList<>();
        for (long t = first; t < span.end().getEpochSecond(); t += grain) {
            list.add(Instant.ofEpochSecond(t));
        }
        return list;
    }

    static String id(String resource, Instant grain) {
        return resource + "@" + grain;
    }
}
