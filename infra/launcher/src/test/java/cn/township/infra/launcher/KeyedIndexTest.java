package cn.township.infra.launcher;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.bson.Document;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Queries on the key plus other fields give the same answers through the keyed index, on both backends. */
class KeyedIndexTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"memory", "disk"})
    void keyPlusConditionsSelectExactlyWhatTheyName(String storage) {
        MongoBackend backend = storage.equals("memory") ? new KeyedIndex.Memory()
                : DiskBackend.open(dir.resolve("mongo.mv").toString(), 16);
        MongoServer server = new MongoServer(backend);
        InetSocketAddress address = server.bind();
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
            MongoCollection<Document> cases = client.getDatabase("t").getCollection("cases");
            List<Document> docs = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                docs.add(new Document("_id", "C-" + i).append("version", 1L).append("status", i % 2 == 0 ? "OPEN" : "DONE"));
            }
            cases.insertMany(docs);

            // optimistic write: the right version wins once, a stale one changes nothing
            var stale = Filters.and(Filters.eq("_id", "C-7"), Filters.eq("version", 0L));
            assertThat(cases.updateOne(new Document("_id", "C-7").append("version", 0L), Updates.set("x", 1)).getMatchedCount()).isZero();
            assertThat(cases.updateOne(stale, Updates.set("x", 1)).getMatchedCount()).isZero();
            var current = new Document("_id", "C-7").append("version", 1L);
            assertThat(cases.updateOne(current, Updates.combine(Updates.set("x", 2), Updates.inc("version", 1L))).getMatchedCount()).isOne();
            assertThat(cases.updateOne(current, Updates.set("x", 3)).getMatchedCount()).as("version moved on").isZero();
            assertThat(cases.find(Filters.eq("_id", "C-7")).first()).containsEntry("x", 2).containsEntry("version", 2L);

            // a key list plus a condition
            var open = cases.find(new Document("_id", new Document("$in", List.of("C-1", "C-2", "C-4", "C-9", "C-999")))
                    .append("status", "OPEN")).map(d -> d.getString("_id")).into(new ArrayList<>());
            assertThat(open).containsExactlyInAnyOrder("C-2", "C-4");

            // a condition on the key itself that the index cannot answer still works
            assertThat(cases.countDocuments(new Document("_id", new Document("$gt", "C-197").append("$lt", "C-2"))
                    .append("status", "OPEN"))).isEqualTo(1); // "C-198" ("C-199" is DONE)

            // uniqueness is still enforced
            assertThatThrownBy(() -> cases.insertOne(new Document("_id", "C-3")))
                    .isInstanceOfSatisfying(MongoWriteException.class,
                            e -> assertThat(e.getError().getCategory()).isEqualTo(ErrorCategory.DUPLICATE_KEY));
            assertThat(cases.deleteOne(new Document("_id", "C-3").append("status", "OPEN")).getDeletedCount()).isZero();
            assertThat(cases.deleteOne(new Document("_id", "C-3").append("status", "DONE")).getDeletedCount()).isOne();
            assertThat(cases.countDocuments()).isEqualTo(199);
        } finally {
            server.shutdownNow();
        }
    }
}
