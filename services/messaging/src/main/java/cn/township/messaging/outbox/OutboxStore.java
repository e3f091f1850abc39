package cn.township.messaging.outbox;

import cn.township.contracts.DomainEvent;
import cn.township.messaging.mongo.ById;
import cn.township.messaging.mongo.GroupedWrites;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.bson.conversions.Bson;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes an aggregate's state and the events it caused in ONE single-document write: the document carries
 * its unsent events in {@value #OUTBOX} until the relay has published them. Optimistic concurrency on
 * {@value #VERSION}. No multi-document transaction is needed, so this works on the embedded MongoDB-wire
 * server and on a sharded replica set alike.
 */
public final class OutboxStore {

    public static final String OUTBOX = "outbox";
    public static final String VERSION = "version";

    private final MongoCollection<Document> collection;
    private final OutboxRelay relay;
    private final Clock clock;
    private final GroupedWrites grouped;

    public OutboxStore(MongoCollection<Document> collection, OutboxRelay relay, Clock clock) {
        this.collection = collection;
        this.relay = relay;
        this.clock = clock;
        this.grouped = new GroupedWrites(collection);
        relay.watch(collection);
    }

    public MongoCollection<Document> collection() {
        return collection;
    }

    /**
     * Stores a new aggregate at version 1 with its events.
     *
     * @throws com.mongodb.MongoWriteException with a duplicate-key error when the id exists
     */
    public void insert(Document state, List<? extends DomainEvent> events) {
        Document doc = prepareInsert(state, events);
        collection.insertOne(doc);
        created(doc);
    }

    /**
     * Stores a new aggregate at version 1 with its events unless its id (or another unique key) exists. Callers on
     * many threads at once share one bulk insert (group commit); each returns once its own document is written.
     *
     * @return false when the id or another unique key exists already (nothing written)
     */
    public boolean insertIfAbsent(Document state, List<? extends DomainEvent> events) {
        Document doc = prepareInsert(state, events);
        List<BulkWriteError> errors = grouped.write(List.of(new InsertOneModel<>(doc)));
        if (!errors.isEmpty()) {
            BulkWriteError error = errors.getFirst();
            if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw new MongoException(error.getCode(), error.getMessage());
        }
        created(doc);
        return true;
    }

    /** Tells the relay the events of a document just created, so that it need not read them back. */
    private void created(Document doc) {
        List<Document> outbox = doc.getList(OUTBOX, Document.class);
        if (!outbox.isEmpty()) {
            relay.publishCreated(collection.getNamespace().getCollectionName(), doc.get("_id"), outbox);
        }
    }

    /**
     * A new aggregate at version 1 with its events, ready for {@link #insertAll}. The events carry the trace of
     * the calling thread, so prepare each one inside the scope of the work that caused it.
     */
    public Document prepareInsert(Document state, List<? extends DomainEvent> events) {
        Document doc = new Document(state);
        doc.put(VERSION, 1L);
        doc.put(OUTBOX, pending(events));
        return doc;
    }

    /**
     * Stores prepared aggregates in one unordered bulk insert. An id that exists already is left as it is.
     *
     * @return the ids that were stored
     */
    public Set<Object> insertAll(List<Document> prepared) {
        return write(prepared.stream().map(InsertOneModel::new).toList(),
                prepared.stream().map(d -> d.get("_id")).toList(), prepared);
    }

    /**
     * Makes writes that each carry their own document's new events (built with {@link #outboxEntries}) in one
     * unordered bulk. A write refused with a duplicate key (an id that exists, or an upsert whose guard no longer
     * matches) is left out; the relay is told about every document written, also when another write failed.
     *
     * @param ids the id of the document each write makes, in the same order
     * @return the ids of the documents written
     * @throws MongoBulkWriteException when a write failed for another reason than a duplicate key
     */
    public Set<Object> writeAll(List<? extends WriteModel<Document>> writes, List<?> ids) {
        return write(writes, ids, null);
    }

    /** @param inserted the documents the writes insert, in the same order, or null: the relay reads them back */
    private Set<Object> write(List<? extends WriteModel<Document>> writes, List<?> ids, List<Document> inserted) {
        if (writes.isEmpty()) {
            return Set.of();
        }
        Set<Integer> refused = new HashSet<>();
        MongoBulkWriteException failure = null;
        try {
            collection.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            e.getWriteErrors().forEach(w -> refused.add(w.getIndex()));
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            failure = onlyDuplicates && e.getWriteConcernError() == null ? null : e;
        }
        Set<Object> written = new LinkedHashSet<>();
        String name = collection.getNamespace().getCollectionName();
        for (int i = 0; i < writes.size(); i++) {
            if (!refused.contains(i)) {
                written.add(ids.get(i));
                if (inserted == null) {
                    relay.publishSoon(name, ids.get(i));
                } else {
                    created(inserted.get(i));
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
        return written;
    }

    /**
     * Replaces the aggregate's state if it is still at {@code expectedVersion}, appending its new events.
     *
     * @return false when someone else changed it first (nothing was written)
     */
    public boolean update(Object id, long expectedVersion, Document state, List<? extends DomainEvent> events) {
        return updateWhere(ById.where(id, Filters.eq(VERSION, expectedVersion)), id,
                setAll(state, expectedVersion + 1), events);
    }

    /**
     * Applies an update to the document matching {@code filter} (which must select by {@code _id}), bumping
     * its version and appending events, all in one write.
     *
     * @return false when no document matched
     */
    public boolean updateWhere(Bson filter, Object id, Bson update, List<? extends DomainEvent> events) {
        List<Bson> parts = new ArrayList<>();
        parts.add(update);
        if (!events.isEmpty()) {
            parts.add(Updates.pushEach(OUTBOX, pending(events)));
        }
        UpdateResult result = collection.updateOne(filter, Updates.combine(parts));
        if (result.getMatchedCount() == 0) {
            return false;
        }
        if (!events.isEmpty()) {
            relay.publishSoon(collection.getNamespace().getCollectionName(), id);
        }
        return true;
    }

    private static Bson setAll(Document state, long newVersion) {
        List<Bson> sets = new ArrayList<>();
        state.forEach((field, value) -> {
            if (!"_id".equals(field) && !OUTBOX.equals(field) && !VERSION.equals(field)) {
                sets.add(Updates.set(field, value));
            }
        });
        sets.add(Updates.set(VERSION, newVersion));
        return Updates.combine(sets);
    }

    /**
     * The events as entries of a document's {@value #OUTBOX}, for a writer that builds its own update (one bulk write
     * for many documents, say) and then tells the relay with {@link OutboxRelay#publishSoon}.
     */
    public List<Document> outboxEntries(List<? extends DomainEvent> events) {
        return pending(events);
    }

    private List<Document> pending(List<? extends DomainEvent> events) {
        var now = clock.instant();
        return events.stream().map(e -> PendingEvent.of(e, now).toDocument()).toList();
    }
}
