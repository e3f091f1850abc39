package cn.township.messaging.mongo;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reading twin of {@link GroupedWrites}: look-ups by {@code _id} that many request threads make at once go to
 * the server as one {@code _id $in} query; each caller gets the documents it asked for, read after it asked.
 */
public final class GroupedReads {

    private static final int MAX_IDS = 1024;

    private final MongoCollection<Document> collection;
    private final GroupedCalls<Collection<?>, Map<Object, Document>> calls =
            new GroupedCalls<>(MAX_IDS, Collection::size, this::read);

    public GroupedReads(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The documents with these ids that exist, by id. */
    public Map<Object, Document> byIds(Collection<?> ids) {
        return ids.isEmpty() ? Map.of() : calls.call(ids);
    }

    private List<Map<Object, Document>> read(List<Collection<?>> batch) {
        Set<Object> all = new LinkedHashSet<>();
        batch.forEach(all::addAll);
        Map<Object, Document> found = new HashMap<>();
        collection.find(Filters.in("_id", all)).forEach(d -> found.put(d.get("_id"), d));
        List<Map<Object, Document>> answers = new ArrayList<>();
        for (Collection<?> ids : batch) {
            Map<Object, Document> own = new HashMap<>();
            ids.forEach(id -> {
                Document d = found.get(id);
                if (d != null) {
                    own.put(id, d);
                }
            });
            answers.add(own);
        }
        return answers;
    }
}
