package cn.township.messaging.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Group commit for the small writes that many request threads make at once: whoever holds the writer's lock sends
 * everything queued, from every caller, in one unordered {@code bulkWrite}, and each caller returns once its own
 * writes were made, with its own write errors (a duplicate key, say). With one caller at a time it is one round trip
 * per call, as before; under load it is one round trip for many callers.
 */
public final class GroupedWrites {

    private static final int MAX_WRITES = 512;

    private final MongoCollection<Document> collection;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private record Pending(List<? extends WriteModel<Document>> writes, CompletableFuture<List<BulkWriteError>> done) {
    }

    public GroupedWrites(MongoCollection<Document> collection) {
        this.collection = collection;
    }

    /**
     * Makes the writes (unordered among themselves and with other callers' writes).
     *
     * @return the errors of this caller's writes, with indexes into {@code writes}; empty when all were made
     * @throws RuntimeException what the driver threw when the whole bulk write failed (nothing is known of any write)
     */
    public List<BulkWriteError> write(List<? extends WriteModel<Document>> writes) {
        Pending mine = new Pending(writes, new CompletableFuture<>());
        queue.add(mine);
        writer.lock();
        try {
            while (!mine.done().isDone()) {
                send(drain());
            }
        } finally {
            writer.unlock();
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
        while (size < MAX_WRITES && (p = queue.poll()) != null) {
            batch.add(p);
            size += p.writes().size();
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<WriteModel<Document>> all = new ArrayList<>();
        batch.forEach(p -> all.addAll(p.writes()));
        List<BulkWriteError> errors = List.of();
        try {
            collection.bulkWrite(all, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            errors = e.getWriteErrors();
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        int from = 0;
        for (Pending p : batch) {
            int to = from + p.writes().size();
            List<BulkWriteError> own = new ArrayList<>();
            for (BulkWriteError error : errors) {
                if (error.getIndex() >= from && error.getIndex() < to) {
                    own.add(new BulkWriteError(error.getCode(), error.getMessage(), error.getDetails(),
                            error.getIndex() - from));
                }
            }
            p.done().complete(own);
            from = to;
        }
    }
}
