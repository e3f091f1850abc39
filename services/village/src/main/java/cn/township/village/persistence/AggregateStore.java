package cn.township.village.persistence;

import cn.township.contracts.EventJson;
import cn.township.contracts.village.VillageEvent;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Stores one kind of aggregate (a record) as a document: its JSON form plus {@code dueAt} (a date, for the
 * deadline sweep), with its events in the same single-document write (outbox). Changes are
 * optimistic: load, decide, write if the version is unchanged, else decide again.
 */
public final class AggregateStore<T extends AggregateStore.Aggregate> {

    /** What the store needs to know of an aggregate. */
    public interface Aggregate {
        String id();

        String village();

        /** When the sweeper should look at it next (a deadline), or null. */
        Instant dueAt();
    }

    private static final int ATTEMPTS = 10;
    private static final List<String> MANAGED = List.of("_id", OutboxStore.OUTBOX, OutboxStore.VERSION, "dueAt");

    private final OutboxStore outbox;
    private final Class<T> type;

    public AggregateStore(MongoDatabase database, String collection, Class<T> type, OutboxRelay relay, Clock clock) {
        MongoCollection<Document> c = database.getCollection(collection);
        c.createIndex(Indexes.ascending("village"));
        c.createIndex(Indexes.ascending("dueAt"));
        this.outbox = new OutboxStore(c, relay, clock);
        this.type = type;
    }

    public MongoCollection<Document> collection() {
        return outbox.collection();
    }

    public Optional<T> find(String id) {
        return Optional.ofNullable(collection().find(Filters.eq("_id", id))
                .projection(Projections.exclude(OutboxStore.OUTBOX)).first()).map(this::read);
    }

    public T get(String what, String id) {
        return find(id).orElseThrow(() -> RuleViolation.notFound(what, id));
    }

    public List<T> list(Bson filter, Bson sort, int limit) {
        return collection().find(filter).projection(Projections.exclude(OutboxStore.OUTBOX)).sort(sort).limit(limit)
                .map(this::read).into(new ArrayList<>());
    }

    /** Open aggregates whose deadline has come. */
    public List<String> due(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        collection().find(Filters.lte("dueAt", Date.from(now))).projection(Projections.include("_id")).limit(limit)
                .forEach(d -> ids.add(d.getString("_id")));
        return ids;
    }

    /** Inserts a new aggregate; false when one with that id exists (the creating event was seen before). */
    public boolean insert(T state, List<VillageEvent> events) {
        try {
            outbox.insert(document(state), events);
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Applies a decision to the current state, retrying on concurrent changes; returns the new state. */
    public T change(String what, String id, Function<T, Change<T>> decision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document doc = collection().find(Filters.eq("_id", id)).projection(Projections.exclude(OutboxStore.OUTBOX))
                    .first();
            if (doc == null) {
                throw RuleViolation.notFound(what, id);
            }
            Change<T> change = decision.apply(read(doc));
            if (change.events().isEmpty() && change.state().equals(read(doc))) {
                return change.state();
            }
            long version = doc.get(OutboxStore.VERSION, Number.class).longValue();
            if (outbox.update(id, version, document(change.state()), change.events())) {
                return change.state();
            }
        }
        throw RuleViolation.conflict("concurrent-change", what + " " + id + " is changing too often; try again");
    }

    private Document document(T state) {
        Document doc = Document.parse(EventJson.mapper().writeValueAsString(state));
        doc.put("_id", state.id());
        doc.put("dueAt", state.dueAt() == null ? null : Date.from(state.dueAt()));
        return doc;
    }

    private T read(Document doc) {
        Document copy = new Document(doc);
        MANAGED.forEach(copy::remove);
        return EventJson.mapper().readValue(copy.toJson(), type);
    }
}
