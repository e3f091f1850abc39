package cn.township.messaging.mongo;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.model.Filters;
import org.bson.BsonDocument;
import org.bson.conversions.Bson;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Filters that select by primary key plus further conditions, as ONE flat document
 * ({@code {_id: …, version: 3}}). The driver renders {@code Filters.and(eq("_id", …), …)} as
 * {@code {$and: [{_id: …}, …]}}; a real MongoDB plans that on the {@code _id} index, but the embedded
 * MongoDB-wire server only uses its primary key when {@code _id} is a top-level key, and otherwise scans the
 * whole collection under its lock. Every conditional write (version checks, leases, inbox guards) goes
 * through here.
 */
public final class ById {

    private ById() {
    }

    /** {@code _id} equal to {@code id}, and every condition. */
    public static Bson where(Object id, Bson... conditions) {
        return flat(Filters.eq("_id", id), conditions);
    }

    /** {@code _id} among {@code ids}, and every condition. */
    public static Bson whereIn(Collection<?> ids, Bson... conditions) {
        return flat(Filters.in("_id", ids), conditions);
    }

    private static Bson flat(Bson key, Bson... conditions) {
        BsonDocument merged = render(key);
        for (Bson condition : conditions) {
            BsonDocument rendered = render(condition);
            for (String field : rendered.keySet()) {
                if (merged.containsKey(field)) {
                    // two conditions on one field: only $and can say that (correct, but a scan on the embedded server)
                    List<Bson> all = new ArrayList<>(List.of(key));
                    all.addAll(List.of(conditions));
                    return Filters.and(all);
                }
                merged.put(field, rendered.get(field));
            }
        }
        return merged;
    }

    private static BsonDocument render(Bson filter) {
        return filter.toBsonDocument(BsonDocument.class, MongoClientSettings.getDefaultCodecRegistry());
    }
}
