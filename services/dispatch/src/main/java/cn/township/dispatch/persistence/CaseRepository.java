package cn.township.dispatch.persistence;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseChange;
import cn.township.dispatch.caserecord.CaseState;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Repository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import static cn.township.dispatch.persistence.CaseDocuments.*;

/** Cases in MongoDB: each change and the events it caused in one single-document write (the outbox). */
@Repository
public class CaseRepository {

    private static final List<String> RUNNING = Arrays.stream(CaseState.values()).filter(CaseState::clocksRun)
            .map(Enum::name).toList();

    private final OutboxStore store;
    private final MongoCollection<Document> cases;
    private final MongoCollection<Document> tickets;
    private final TimerIndex timers = new TimerIndex();

    public CaseRepository(MongoDatabase database, OutboxRelay relay, Clock clock) {
        this.cases = database.getCollection("cases");
        for (String field : List.of(STATE, LEAD_DEPARTMENT, VILLAGE, AGENCIES, TICKET_IDS, NEXT_TIMER_AT, OPENED_AT)) {
            // a real MongoDB uses them; the embedded on-disk server keeps single-field ones and uses them when a
            // condition is selective (the timer rescan's range, a village's cases)
            cases.createIndex(Indexes.ascending(field));
        }
        this.store = new OutboxStore(cases, relay, clock);
        this.tickets = database.getCollection("tickets");
    }

    public Optional<StoredCase> find(String id) {
        return Optional.ofNullable(cases.find(Filters.eq("_id", id)).first()).map(CaseRepository::stored);
    }

    /**
     * The case a ticket belongs to: its own ({@code C-<ticketId>}), or the one it was merged into, found
     * through the ticket index ({@code tickets}: ticket id → case id; lookups by {@code _id} only, which
     * every MongoDB-wire server answers from its primary key).
     */
    public Optional<StoredCase> findByTicket(String ticketId) {
        return find(Case.idFor(ticketId)).or(() -> Optional.ofNullable(tickets.find(Filters.eq("_id", ticketId)).first())
                .flatMap(t -> find(t.getString("caseId"))));
    }

    /** An open case holding any of the tickets, for merging a new ticket into it. */
    public Optional<StoredCase> findOpenByTickets(List<String> ticketIds) {
        for (String ticketId : ticketIds) {
            Optional<StoredCase> found = findByTicket(ticketId)
                    .filter(s -> s.value().state() != CaseState.RESOLVED && s.value().state() != CaseState.CLOSED);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /** Remembers that a ticket was merged into a case (idempotent). */
    public void recordMergedTicket(String ticketId, String caseId) {
        try {
            tickets.insertOne(new Document("_id", ticketId).append("caseId", caseId));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
    }

    /** @return false when a case with that id exists already (nothing written) */
    public boolean insert(CaseChange change) {
        try {
            store.insert(toDocument(change.after()), change.events());
            timers.set(change.after().id(), change.after().nextTimerAt());
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** A new case and its document with its events, prepared inside the trace of the work that opened it. */
    public record PreparedCase(Case value, Document document) {
    }

    public PreparedCase prepare(CaseChange opening) {
        return new PreparedCase(opening.after(), store.prepareInsert(toDocument(opening.after()), opening.events()));
    }

    /**
     * Inserts prepared cases in one bulk write; a case whose id exists already is left as it is.
     *
     * @return the ids of the cases stored
     */
    public Set<String> insertPrepared(List<PreparedCase> prepared) {
        Set<Object> stored;
        try {
            stored = store.insertAll(prepared.stream().map(PreparedCase::document).toList());
        } finally {
            // a hint for each (also when the insert failed part-way): an early or stale entry is re-read and put back
            prepared.stream().filter(p -> p.value().nextTimerAt() != null)
                    .forEach(p -> timers.offer(p.value().id(), p.value().nextTimerAt()));
        }
        Set<String> ids = new LinkedHashSet<>();
        stored.forEach(id -> ids.add((String) id));
        return ids;
    }

    /** Which of these tickets were merged into another case (the ticket index), in one read by {@code _id}. */
    public Set<String> mergedTickets(Collection<String> ticketIds) {
        Set<String> merged = new HashSet<>();
        tickets.find(Filters.in("_id", ticketIds)).projection(Projections.include("_id"))
                .forEach(d -> merged.add(d.getString("_id")));
        return merged;
    }

    /** Bulk load of cases without events (seeding, migrations, the benchmark): one insertMany. */
    public void insertAll(List<Case> all) {
        cases.insertMany(all.stream().map(c -> toDocument(c).append(OutboxStore.VERSION, 1L)
                .append(OutboxStore.OUTBOX, List.of())).toList());
        all.forEach(c -> timers.set(c.id(), c.nextTimerAt()));
    }

    /** @return false when the case is no longer at {@code expectedVersion} (nothing written) */
    public boolean update(CaseChange change, long expectedVersion) {
        Document state = toDocument(change.after());
        boolean written = store.update(change.after().id(), expectedVersion, state, change.events());
        if (written) {
            timers.set(change.after().id(), change.after().nextTimerAt());
        }
        return written;
    }

    /**
     * Cases with a timer due by {@code now}, earliest first, found through the timer index and read by
     * {@code _id}: an index entry the stored case no longer bears out is put back at the stored time.
     *
     * @return the due cases, and how many index entries were taken (when that reaches {@code limit}, more
     *         may be due)
     */
    public Due due(Instant now, int limit) {
        List<String> taken = timers.takeDue(now, limit);
        if (taken.isEmpty()) {
            return new Due(List.of(), 0);
        }
        Map<String, StoredCase> read = new HashMap<>();
        cases.find(Filters.in("_id", taken)).forEach(d -> read.put(d.getString("_id"), stored(d)));
        List<StoredCase> due = new ArrayList<>(taken.size());
        for (String id : taken) { // earliest first, as taken
            StoredCase stored = read.get(id);
            if (stored == null) {
                continue;
            }
            Instant next = stored.value().nextTimerAt();
            if (next != null && !next.isAfter(now)) {
                due.add(stored);
            } else {
                timers.set(id, next);
            }
        }
        return new Due(due, taken.size());
    }

    /** A due case could not be written (another writer changed it): look at it again at the next poll. */
    public void lookAgain(String caseId, Instant at) {
        timers.offer(caseId, at);
    }

    /**
     * Reads the pending timers due by {@code until} from the collection into the index (at start, and now and then
     * for cases another instance wrote). A range on {@code nextTimerAt}, which its index answers: a timer days away
     * is read by a later rescan, so an instance does not read every open case each time (with ~104,000 open cases
     * that read took 1.8-2.2 s of the embedded MongoDB-wire server, the range 4-9 ms).
     *
     * @return how many cases have a timer pending by {@code until}, and how many of those the index did not know
     *         (cases another instance wrote, or moved earlier)
     */
    public Rescan rescanTimers(Instant until) {
        int[] seen = {0, 0};
        cases.find(Filters.lte(NEXT_TIMER_AT, Date.from(until))).projection(Projections.include(NEXT_TIMER_AT))
                .forEach(d -> {
                    Date at = d.getDate(NEXT_TIMER_AT);
                    if (at != null) {
                        seen[0]++;
                        if (timers.offer(d.getString("_id"), at.toInstant())) {
                            seen[1]++;
                        }
                    }
                });
        return new Rescan(seen[0], seen[1]);
    }

    /** What a rescan of the timers found. */
    public record Rescan(int pending, int learned) {
    }

    public Page search(CaseQuery q, Instant now) {
        List<Bson> filters = new ArrayList<>();
        if (q.states() != null && !q.states().isEmpty()) {
            filters.add(Filters.in(STATE, q.states().stream().map(Enum::name).toList()));
        }
        if (q.department() != null) {
            filters.add(Filters.eq(LEAD_DEPARTMENT, q.department()));
        }
        if (q.village() != null) {
            filters.add(Filters.eq(VILLAGE, q.village()));
        }
        if (q.agency() != null) {
            filters.add(Filters.eq(AGENCIES, q.agency()));
        }
        if (q.involving() != null) {
            filters.add(Filters.or(Filters.eq(LEAD_DEPARTMENT, q.involving()), Filters.eq(AGENCIES, q.involving())));
        }
        if (q.urgency() != null) {
            filters.add(Filters.eq(URGENCY, q.urgency()));
        }
        if (q.source() != null) {
            filters.add(Filters.eq(SOURCE, q.source()));
        }
        if (q.overdue() != null) {
            Date at = Date.from(now);
            Bson overdue = Filters.and(Filters.in(STATE, RUNNING), Filters.or(Filters.lt(RESOLUTION_DUE_AT, at),
                    Filters.and(Filters.eq(CONTACTED, false), Filters.lt(FIRST_CONTACT_DUE_AT, at))));
            filters.add(q.overdue() ? overdue : Filters.nor(overdue));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        long total = cases.countDocuments(filter);
        List<Case> items = cases.find(filter).sort(Sorts.orderBy(Sorts.descending(PRIORITY), Sorts.ascending(OPENED_AT)))
                .skip(q.page() * q.size()).limit(q.size()).map(CaseDocuments::fromDocument).into(new ArrayList<>());
        return new Page(items, q.page(), q.size(), total);
    }

    /** Every case not yet closed, one at a time (for the supervision digest). */
    public void forEachOpen(Consumer<Case> each) {
        cases.find(Filters.ne(STATE, CaseState.CLOSED.name())).projection(Projections.include(CASE))
                .forEach(d -> each.accept(fromDocument(d)));
    }

    public long count() {
        return cases.countDocuments();
    }

    private static StoredCase stored(Document d) {
        return new StoredCase(fromDocument(d), ((Number) d.get(OutboxStore.VERSION)).longValue());
    }

    /** What one look at the timer index found. */
    public record Due(List<StoredCase> cases, int taken) {
    }

    /** One page of cases. */
    public record Page(List<Case> items, int page, int size, long total) {
    }
}
