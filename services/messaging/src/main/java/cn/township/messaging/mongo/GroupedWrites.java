package cn.township.messaging.mongo;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;

/**
 * Group commit for the small writes that many request threads make at once: the writes queued by every caller go
 * to the server in one unordered {@code bulkWrite}, and each caller returns once its own writes were made, with its
 * own write errors (a duplicate key, say). With one caller at a time it is one round trip per call, as before; under
 * load it is one round trip for many callers.
 */
public final class GroupedWrites {

    private static final int MAX_WRITES = 512;

    private final MongoCollection<Document> collection;
    private final GroupedCalls<List<? extends WriteModel<Document>>, List<BulkWriteError>> calls =
            new GroupedCalls<>(MAX_WRITES, List::size, this::send);

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
        return calls.call(writes);
    }

    private List<List<BulkWriteError>> send(List<List<? extends WriteModel<Document>>> batch) {
        List<WriteModel<Document>> all = new ArrayList<>();
        batch.forEach(all::addAll);
        List<BulkWriteError> errors = List.of();
        try {
            collection.bulkWrite(all, new BulkWriteOptions().ordered(false));
        } catch (MongoBulkWriteException e) {
            errors = e.getWriteErrors();
        }
        List<List<BulkWriteError>> answers = new ArrayList<>();
        int from = 0;
        for (List<? extends WriteModel<Document>> writes : batch) {
            int to = from + writes.size();
            List<BulkWriteError> own = new ArrayList<>();
            for (BulkWriteError error : errors) {
                if (error.getIndex() >= from && error.getIndex() < to) {
                    own.add(new BulkWriteError(error.getCode(), error.getMessage(), error.getDetails(),
                            error.getIndex() - from));
                }
            }
            answers.add(own);
            from = to;
        }
        return answers;
    }
}
