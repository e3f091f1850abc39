package cn.township.village.points;

import cn.township.messaging.mongo.ById;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Household accounts in {@code accounts}: one document per household holding the balance, the totals, the
 * sequence number of the last entry ({@code seq}), the ids of the last applied entries and a short journal
 * of the last posted entries, plus the outbox. Every posting is ONE conditional single-document write
 * (guarded by {@code seq}), so balance, applied ids and events never diverge; the writes of many accounts go to
 * the server together in one bulk.
 */
@Component
public class AccountStore {

    static final int REMEMBERED_IDS = 32;
    static final int JOURNAL = 4;
    private static final String JOURNAL_FIELD = "journal";

    private final OutboxStore outbox;
    private final LedgerStore ledger;

    AccountStore(MongoDatabase database, OutboxRelay relay, Clock clock, LedgerStore ledger) {
        MongoCollection<Document> collection = database.getCollection("accounts");
        collection.createIndex(Indexes.ascending("village"));
        this.outbox = new OutboxStore(collection, relay, clock);
        this.ledger = ledger;
    }

    MongoCollection<Document> collection() {
        return outbox.collection();
    }

    /** The accounts as postings need them: without the outbox and the journal, which only a repeat needs. */
    Map<String, Document> load(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        for (Document d : collection().find(Filters.in("_id", ids))
                .projection(Projections.exclude(OutboxStore.OUTBOX, JOURNAL_FIELD))) {
            found.put(d.getString("_id"), d);
        }
        return found;
    }

    /** The account's journal of its last posted entries, as ledger documents. */
    List<Document> journal(String id) {
        Document d = collection().find(Filters.eq("_id", id)).projection(Projections.include(JOURNAL_FIELD)).first();
        return d == null ? List.of() : d.getList(JOURNAL_FIELD, Document.class, List.of());
    }

    static Account account(Document d) {
        return new Account(d.getString("village"), d.getString("household"), d.getInteger("balance", 0),
                d.getInteger("awarded", 0), d.getInteger("deducted", 0), d.getInteger("redeemed", 0),
                d.get("seq", Number.class).longValue(), d.getList("applied", String.class, List.of()));
    }

    /** One account's postings and the {@code seq} they were decided on ({@code 0}: no account yet). */
    record Write(long expectedSeq, Account.Posting posting) {
    }

    /**
     * Writes the postings of many accounts in ONE unordered bulk. Each is an upsert guarded by {@code {_id, seq}}:
     * on an account still at the expected {@code seq} it updates it; where there is no account yet (expected
     * {@code 0}) it creates it; where the account moved on, or someone else created it first, the upsert meets the
     * existing {@code _id} and fails with a duplicate key, so only that write is lost and nothing else is refused.
     * The relay is told about every account written, whatever became of the others.
     *
     * @return the ids of the accounts written
     */
    Set<String> writeAll(List<Write> writes) {
        Set<String> written = new LinkedHashSet<>();
        outbox.writeAll(writes.stream().map(this::model).toList(),
                writes.stream().map(w -> w.posting().account().id()).toList()).forEach(id -> written.add((String) id));
        return written;
    }

    /**
     * The update as one plain document: the driver encodes it straight onto the wire, where the {@code Updates}
     * builders would first render every part into a document of its own (a tenth of the award path's CPU).
     */
    private UpdateOneModel<Document> model(Write w) {
        Account.Posting p = w.posting();
        Account a = p.account();
        List<String> fresh = tail(p.posted().stream().map(e -> e.entry().id()).toList(), REMEMBERED_IDS);
        Document set = new Document("village", a.village()).append("household", a.household())
                .append("balance", a.balance()).append("awarded", a.awarded()).append("deducted", a.deducted())
                .append("redeemed", a.redeemed()).append("seq", a.seq()).append("updatedAt", new Date());
        Document push = new Document("applied", new Document("$each", fresh).append("$slice", -REMEMBERED_IDS))
                .append(JOURNAL_FIELD, new Document("$each", ledgerDocs(tail(p.posted(), JOURNAL)))
                        .append("$slice", -JOURNAL));
        if (!p.events().isEmpty()) {
            push.append(OutboxStore.OUTBOX, new Document("$each", outbox.outboxEntries(p.events())));
        }
        Document update = new Document("$set", set).append("$inc", new Document(OutboxStore.VERSION, 1L))
                .append("$push", push);
        return new UpdateOneModel<>(ById.where(a.id(), Filters.eq("seq", w.expectedSeq())), update,
                new UpdateOptions().upsert(true));
    }

    private List<Document> ledgerDocs(List<PostedEntry> posted) {
        return posted.stream().map(ledger::toDocument).toList();
    }

    /** The last {@code n}: what a {@code $push} with {@code $slice: -n} keeps of the pushed ones anyway. */
    private static <T> List<T> tail(List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
