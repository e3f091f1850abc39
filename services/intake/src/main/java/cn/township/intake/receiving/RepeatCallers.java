package cn.township.intake.receiving;

import cn.township.messaging.mongo.GroupedReads;
import cn.township.messaging.mongo.GroupedWrites;
import com.mongodb.MongoException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The repeat-caller index, one collection of small documents keyed by {@code _id}: {@code caller|…} (keyed
 * hash of the phone + place + category → that caller's recent tickets) links a repeat caller to their
 * earlier tickets; {@code area|…} (place + category → recent tickets from anyone) proposes several callers
 * about one place and problem as one case. Both are read in one round trip and written in one. The index is written after the
 * ticket; a crash in between loses one link, never a ticket.
 */
public final class RepeatCallers {

    private static final int REMEMBERED = 20;

    private final GroupedWrites writes;
    private final GroupedReads reads;
    private final Duration repeatWindow;
    private final Duration similarWindow;

    public RepeatCallers(MongoDatabase database, Duration repeatWindow, Duration similarWindow) {
        MongoCollection<Document> index = database.getCollection("repeatCallers");
        this.writes = new GroupedWrites(index);
        this.reads = new GroupedReads(index);
        this.repeatWindow = repeatWindow;
        this.similarWindow = similarWindow;
    }

    /** What the index knows about a new ticket's caller and place, read in one round trip (shared with others). */
    public record Matches(List<String> sameCaller, List<String> otherCallers) {
    }

    /**
     * Earlier tickets of the same caller about the same place and category within the repeat window, and
     * recent tickets of OTHER callers about the same place and category (a proposal to handle them as one case).
     */
    public Matches find(@Nullable String phoneKey, @Nullable String place, String category, Instant at) {
        if (place == null) {
            return new Matches(List.of(), List.of());
        }
        String callerId = callerId(phoneKey, place, category);
        String areaId = areaId(place, category);
        List<Object> ids = callerId == null ? List.of(areaId) : List.of(callerId, areaId);
        Map<Object, Document> found = reads.byIds(ids);
        Document caller = callerId == null ? null : found.get(callerId);
        Document area = found.get(areaId);
        return new Matches(recent(caller, at.minus(repeatWindow), at, null),
                recent(area, at.minus(similarWindow), at, phoneKey));
    }

    /** Adds a stored ticket to the index (one round trip, shared with the pushes arriving at the same time). */
    public void remember(String ticketId, @Nullable String phoneKey, @Nullable String place, String category,
                         Instant at) {
        if (place == null) {
            return;
        }
        Document entry = new Document("ticketId", ticketId).append("at", Date.from(at)).append("phoneKey", phoneKey);
        var push = Updates.pushEach("tickets", List.of(entry), new PushOptions().slice(-REMEMBERED));
        List<WriteModel<Document>> writes = new ArrayList<>();
        String callerId = callerId(phoneKey, place, category);
        if (callerId != null) {
            writes.add(new UpdateOneModel<>(Filters.eq("_id", callerId), push, new UpdateOptions().upsert(true)));
        }
        writes.add(new UpdateOneModel<>(Filters.eq("_id", areaId(place, category)), push, new UpdateOptions().upsert(true)));
        List<BulkWriteError> errors = this.writes.write(writes);
        if (!errors.isEmpty()) {
            throw new MongoException(errors.getFirst().getCode(), errors.getFirst().getMessage());
        }
    }

    private static @Nullable String callerId(@Nullable String phoneKey, String place, String category) {
        return phoneKey == null ? null : "caller|" + phoneKey + "|" + place + "|" + category;
    }

    private static String areaId(String place, String category) {
        return "area|" + place + "|" + category;
    }

    private static List<String> recent(@Nullable Document doc, Instant from, Instant to, @Nullable String excludePhoneKey) {
        if (doc == null) {
            return List.of();
        }
        List<String> found = new ArrayList<>();
        for (Document t : doc.getList("tickets", Document.class, List.of())) {
            Instant when = t.getDate("at").toInstant();
            boolean sameCaller = excludePhoneKey != null && Objects.equals(excludePhoneKey, t.getString("phoneKey"));
            if (!when.isBefore(from) && !when.isAfter(to) && !sameCaller) {
                found.add(t.getString("ticketId"));
            }
        }
        return found;
    }

    /** The place a ticket is about, for matching: its village, or its address text when no village matched. */
    public static @Nullable String place(@Nullable String village, @Nullable String address) {
        if (village != null) {
            return "village:" + village;
        }
        if (address == null || address.isBlank()) {
            return null;
        }
        return "address:" + address.replaceAll("\\s+", "");
    }
}
