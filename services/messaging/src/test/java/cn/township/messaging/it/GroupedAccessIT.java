package cn.township.messaging.it;

import cn.township.infra.testing.ServiceIntegrationTest;
import cn.township.messaging.mongo.GroupedReads;
import cn.township.messaging.mongo.GroupedWrites;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.InsertOneModel;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Group commit and grouped look-ups against the MongoDB-wire server, with many callers at once. */
@ServiceIntegrationTest
class GroupedAccessIT {

    @Autowired
    MongoDatabase database;

    @Test
    void eachCallerGetsItsOwnErrorsWithIndexesIntoItsOwnWrites() throws Exception {
        MongoCollection<Document> collection = database.getCollection("grouped-" + UUID.randomUUID());
        collection.insertOne(new Document("_id", "taken"));
        GroupedWrites writes = new GroupedWrites(collection);
        List<Future<List<BulkWriteError>>> outcomes = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 60; i++) {
                String id = "doc-" + i;
                // every caller: a fresh document, then the one that exists already
                outcomes.add(threads.submit(() -> writes.write(List.of(new InsertOneModel<>(new Document("_id", id)),
                        new InsertOneModel<>(new Document("_id", "taken"))))));
            }
        }
        for (Future<List<BulkWriteError>> outcome : outcomes) {
            List<BulkWriteError> errors = outcome.get();
            assertThat(errors).hasSize(1);
            assertThat(errors.getFirst().getIndex()).as("index into the caller's own list").isEqualTo(1);
        }
        assertThat(collection.countDocuments()).isEqualTo(61);
    }

    @Test
    void eachCallerGetsTheDocumentsItAskedForAndNoOthers() throws Exception {
        MongoCollection<Document> collection = database.getCollection("grouped-" + UUID.randomUUID());
        for (int i = 0; i < 50; i++) {
            collection.insertOne(new Document("_id", "d-" + i).append("n", i));
        }
        GroupedReads reads = new GroupedReads(collection);
        List<Future<Map<Object, Document>>> outcomes = new ArrayList<>();
        try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 50; i++) {
                List<Object> ids = List.of("d-" + i, "missing-" + i);
                outcomes.add(threads.submit(() -> reads.byIds(ids)));
            }
        }
        for (int i = 0; i < 50; i++) {
            Map<Object, Document> found = outcomes.get(i).get();
            assertThat(found).containsOnlyKeys("d-" + i);
            assertThat(found.get("d-" + i).getInteger("n")).isEqualTo(i);
        }
    }
}
