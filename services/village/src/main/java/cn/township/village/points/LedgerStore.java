package cn.township.village.points;

import cn.township.village.config.VillageProperties;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Projections;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The append-only ledger in {@code ledger}: one document per posted entry, {@code _id} = the entry id, so
 * an entry is written exactly once however often its posting is repeated. Never updated or deleted.
 */
@Component
public class LedgerStore {

    private final MongoCollection<Document> collection;
    private final ZoneId zone;

    LedgerStore(MongoDatabase database, VillageProperties properties) {
        this.collection = database.getCollection("ledger");
        this.collection.createIndex(Indexes.ascending("account"));
        this.zone = properties.zone();
    }

    MongoCollection<Document> collection() {
        return collection;
    }

    Document toDocument(PostedEntry p) {
        LedgerEntry e = p.entry();
        return new Document("_id", e.id()).append("account", e.account()).append("village", e.village())
                .append("household", e.household()).append("seq", p.seq()).append("kind", e.kind().name())
                .append("points", e.points()).append("delta", e.delta()).append("code", e.code())
                .append("reason", e.reason()).append("evidence", e.evidence())
                .append("sourceEventId", e.sourceEventId()).append("by", e.by()).append("balance", p.balance())
                .append("at", Date.from(e.at())).append("month", YearMonth.from(e.at().atZone(zone)).toString());
    }

    Set<String> existing(Collection<String> ids) {
        Set<String> found = new HashSet<>();
        collection.find(Filters.in("_id", ids)).projection(Projections.include("_id"))
                .forEach(d -> found.add(d.getString("_id")));
        return found;
    }

    /** Inserts the entries; those already there are left as they are. */
    void insertAll(List<Document> docs) {
        if (docs.isEmpty()) {
            return;
        }
        try {
            collection.insertMany(docs, new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            boolean onlyDuplicates = e.getWriteErrors().stream()
                    .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY);
            if (!onlyDuplicates) {
                throw e;
            }
        }
    }
}
