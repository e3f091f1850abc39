package cn.township.messaging.outbox;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import org.bson.Document;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Group commit for single-document inserts made by many request threads at once: whoever holds the writer's lock
 * sends everything queued in one unordered {@code insertMany}, and each caller returns once its own document was
 * written, with its own outcome (stored, or refused as a duplicate key). With one caller at a time it is one insert
 * per call, as before; under load it is one round trip for many.
 */
final class GroupedInserts {

    private final MongoCollection<Document> collection;
    private final int maxBatch;
    private final Consumer<Object> stored;
    private final ReentrantLock writer = new ReentrantLock();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();

    private record Pending(Document doc, CompletableFuture<Boolean> done) {
    }

    /**
     * @param stored told the id of each document stored, while the writer still holds the lock
     */
    GroupedInserts(MongoCollection<Document> collection, int maxBatch, Consumer<Object> stored) {
        this.collection = collection;
        this.maxBatch = maxBatch;
        this.stored = stored;
    }

    /**
     * @return true when the document was stored, false when its id or another unique key exists already
     * @throws MongoException when the server refused it for any other reason
     */
    boolean insert(Document doc) {
        Pending mine = new Pending(doc, new CompletableFuture<>());
        queue.add(mine);
        writer.lock();
        try {
            while (!mine.done().isDone()) {
                write(drain());
            }
        } finally {
            writer.unlock();
        }
        try {
            return mine.done().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof MongoException m ? m : new MongoException("insert failed", e.getCause());
        }
    }

    private List<Pending> drain() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while (batch.size() < maxBatch && (p = queue.poll()) != null) {
            batch.add(p);
        }
        return batch;
    }

    private void write(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Map<Integer, BulkWriteError> errors = new HashMap<>();
        try {
            collection.insertMany(batch.stream().map(Pending::doc).toList(), new InsertManyOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            e.getWriteErrors().forEach(w -> errors.put(w.getIndex(), w));
        } catch (RuntimeException e) {
            // nothing is known of any of them: each caller sees the failure (a retry finds a stored one as a duplicate)
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Pending p = batch.get(i);
            BulkWriteError error = errors.get(i);
            if (error == null) {
                stored.accept(p.doc().get("_id"));
                p.done().complete(true);
            } else if (ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
                p.done().complete(false);
            } else {
                p.done().completeExceptionally(new MongoException(error.getCode(), error.getMessage()));
            }
        }
    }
}
