package cn.township.mediation.scheduling.persistence;

import cn.township.mediation.scheduling.Interval;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BusyIndexTest {

    // Sunday evening into Monday morning, UTC: crosses a week bucket
    static final Interval ACROSS_WEEKS = new Interval(Instant.parse("2027-03-07T23:00:00Z"), Instant.parse("2027-03-08T01:00:00Z"));
    static final Interval TUESDAY = new Interval(Instant.parse("2027-03-09T02:00:00Z"), Instant.parse("2027-03-09T03:30:00Z"));
    static final Instant FROM = Instant.parse("2027-03-01T00:00:00Z");
    static final Instant TO = Instant.parse("2027-03-31T00:00:00Z");

    MongoServer server;
    MongoClient client;
    MongoDatabase db;

    @BeforeEach
    void start() {
        server = new MongoServer(new MemoryBackend());
        client = MongoClients.create("mongodb://127.0.0.1:" + server.bind().getPort());
        db = client.getDatabase("t");
    }

    @AfterEach
    void stop() {
        client.close();
        server.shutdownNow();
    }

    @Test
    void spansAreFoundOnceOverTheHorizonAndGoneWhenRemoved() {
        BusyIndex index = new BusyIndex(db);
        index.add("s-1", List.of("member:a", "room:1"), ACROSS_WEEKS);
        index.add("s-2", List.of("member:a"), TUESDAY);
        index.add("s-2", List.of("member:a"), TUESDAY); // replayed: no second span

        var busy = index.busy(List.of("member:a", "room:1", "member:b"), FROM, TO);
        assertThat(busy.get("member:a")).containsExactlyInAnyOrder(ACROSS_WEEKS, TUESDAY);
        assertThat(busy.get("room:1")).containsExactly(ACROSS_WEEKS);
        assertThat(busy).doesNotContainKey("member:b");
        assertThat(index.busy(List.of("member:a"), Instant.parse("2027-03-08T02:00:00Z"), Instant.parse("2027-03-09T02:00:00Z")))
                .as("neither span overlaps this window").isEmpty();

        index.remove("s-1", List.of("member:a", "room:1"), ACROSS_WEEKS);
        busy = index.busy(List.of("member:a", "room:1"), FROM, TO);
        assertThat(busy.get("member:a")).containsExactly(TUESDAY);
        assertThat(busy).doesNotContainKey("room:1");
    }

    @Test
    void anEmptyIndexIsBuiltFromTheSessionsThatStillHoldTheirResources() {
        db.getCollection("sessions").insertMany(List.of(
                session("s-1", ACROSS_WEEKS, "SCHEDULED", "member:a", "room:1"),
                session("s-2", TUESDAY, "CANCELLED", "member:a"),
                session("s-3", TUESDAY, "HELD", "member:b")));

        var busy = new BusyIndex(db).busy(List.of("member:a", "member:b", "room:1"), FROM, TO);

        assertThat(busy.get("member:a")).containsExactly(ACROSS_WEEKS);
        assertThat(busy.get("room:1")).containsExactly(ACROSS_WEEKS);
        assertThat(busy.get("member:b")).containsExactly(TUESDAY);
    }

    static Document session(String id, Interval when, String status, String... resources) {
        return new Document("_id", id).append("status", status).append("startsAt", Date.from(when.start()))
                .append("endsAt", Date.from(when.end())).append("resources", List.of(resources));
    }
}
