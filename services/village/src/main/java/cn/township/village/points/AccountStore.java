package cn.township.village.points;

import cn.township.messaging.mongo.ById;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Household accounts in {@code accounts}: one document per household holding the balance, the totals, the
 * sequence number of the last entry ({@code seq}), the ids of the last applied entries and a short journal
 * of the last posted entries, plus the outbox. Every posting is ONE conditional single-document write
 * (guarded by {@code seq}), so balance, applied ids and events never diverge.
 */
@Component
public class AccountStore {

    static final int REMEMBERED_IDS = 32;
    static final int JOURNAL = 4;

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

    Map<String, Document> load(Collection<String> ids) {
        Map<String, Document> found = new HashMap<>();
        for (Document d : collection().find(Filters.in("_id", ids))
                .projection(com.mongodb.client.model.Projections.exclude(OutboxStore.OUTBOX))) {
            found.put(d.getString("_id"), d);
        }
        return found;
    }

    static Account account(Document d) {
        return new Account(d.getString("village"), d.getString("household"), d.getInteger("balance", 0),
                d.getInteger("awarded", 0), d.getInteger("deducted", 0), d.getInteger("redeemed", 0),
                d.get("seq", Number.class).longValue(), d.getList("applied", String.class, List.of()));
    }

    /** Creates the account with its first postings; false when someone else created it first. */
    boolean create(Account.Posting p) {
        Account a = p.account();
        Document doc = new Document("_id", a.id()).append("village", a.village()).append("household", a.household())
                .append("balance", a.balance()).append("awarded", a.awarded()).append("deducted", a.deducted())
                .append("redeemed", a.redeemed()).append("seq", a.seq())
                .append("applied", tail(a.applied(), REMEMBERED_IDS))
                .append("journal", tail(journal(p.posted()), JOURNAL))
                .append("updatedAt", new Date());
        try {
            outbox.insert(doc, p.events());
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Posts onto the account if it is still at {@code expectedSeq}; false on a concurrent change. */
    boolean update(long expectedSeq, Account.Posting p) {
        Account a = p.account();
        List<String> fresh = p.posted().stream().map(e -> e.entry().id()).toList();
        Bson filter = ById.where(a.id(), Filters.eq("seq", expectedSeq));
        Bson update = Updates.combine(
                Updates.set("balance", a.balance()), Updates.set("awarded", a.awarded()),
                Updates.set("deducted", a.deducted()), Updates.set("redeemed", a.redeemed()),
                Updates.set("seq", a.seq()), Updates.inc(OutboxStore.VERSION, 1L),
                Updates.set("updatedAt", new Date()),
                Updates.pushEach("applied", fresh, new PushOptions().slice(-REMEMBERED_IDS)),
                Updates.pushEach("journal", journal(p.posted()), new PushOptions().slice(-JOURNAL)));
        return outbox.updateWhere(filter, a.id(), update, p.events());
    }

    private List<Document> journal(List<PostedEntry> posted) {
        return posted.stream().map(ledger::toDocument).toList();
    }

    private static <T> List<T> tail(List<T> list, int n) {
        return new ArrayList<>(list.subList(Math.max(0, list.size() - n), list.size()));
    }
}
