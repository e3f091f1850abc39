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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The reading twin of {@link GroupedWrites}: look-ups by {@code _id} that many request threads make at once go to
 * the server as one {@code _id $in} query; each caller gets the documents it asked for, read after it asked.
 */
public final class GroupedReads {

    private static final int MAX_IDS = 1024;

    private final MongoCollection<Document> collection;
    private final ReentrantLock reader = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private record Pending(Collection<?> ids, CompletableFuture<Map<Object, Document>> done) {
    }

    public GroupedReads(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /** The documents with these ids that exist, by id. */
    public Map<Object, Document> byIds(Collection<?> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Pending mine = new Pending(ids, new CompletableFuture<>());
        queue.add(mine);
        reader.lock();
        try {
            while (!mine.done().isDone()) {
                read(drain());
            }
        } finally {
            reader.unlock();
        }
        try {
            return mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        int size = 0;
        Pending p;
        while (size < MAX_IDS && (p = queue.poll()) != null) {
            batch.add(p);
            size += p.ids().size();
        }
        return batch;
    }

    private void read(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Set<Object> all = new LinkedHashSet<>();
        batch.forEach(p -> all.addAll(p.ids()));
        Map<Object, Document> found = new HashMap<>();
        try {
            collection.find(Filters.in("_id", all)).forEach(d -> found.put(d.get("_id"), d));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (Pending p : batch) {
            Map<Object, Document> own = new HashMap<>();
            p.ids().forEach(id -> {
                Document d = found.get(id);
                if (d != null) {
                    own.put(id, d);
                }
            });
            p.done().complete(own);
        }
    }
}
