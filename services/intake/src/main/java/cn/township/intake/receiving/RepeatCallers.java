package cn.township.intake.receiving;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * The repeat-caller index. Two small collections keyed by {@code _id}, so every lookup is one key read:
 * {@code callers} (keyed hash of the phone + place + category → that caller's recent tickets) links a
 * repeat caller to their earlier tickets; {@code areas} (place + category → recent tickets from anyone)
 * proposes several callers about one place and problem as one case. The index is written after the
 * ticket; a crash in between loses one link, never a ticket.
 */
public final class RepeatCallers {

    private static final int REMEMBERED = 20;

    private final MongoCollection<Document> callers;
    private final MongoCollection<Document> areas;
    private final Duration repeatWindow;
    private final Duration similarWindow;

    public RepeatCallers(MongoDatabase database, Duration repeatWindow, Duration similarWindow) {
        this.callers = database.getCollection("callers");
        this.areas = database.getCollection("areas");
        this.repeatWindow = repeatWindow;
        this.similarWindow = similarWindow;
    }

    /** Earlier tickets of the same caller about the same place and category within the repeat window. */
    public List<String> earlierFromSameCaller(@Nullable String phoneKey, @Nullable String place, String category,
                                              Instant at) {
        if (phoneKey == null || place == null) {
            return List.of();
        }
        return recent(callers, phoneKey + "|" + place + "|" + category, at.minus(repeatWindow), at, null);
    }

    /** Recent tickets of OTHER callers about the same place and category: a proposal to handle them as one case. */
    public List<String> similarFromOthers(@Nullable String phoneKey, @Nullable String place, String category,
                                          Instant at) {
        if (place == null) {
            return List.of();
        }
        return recent(areas, place + "|" + category, at.minus(similarWindow), at, phoneKey);
    }

    public void remember(String ticketId, @Nullable String phoneKey, @Nullable String place, String category,
                         Instant at) {
        if (place == null) {
            return;
        }
        Document entry = new Document("ticketId", ticketId).append("at", Date.from(at))
                .append("phoneKey", phoneKey);
        var push = Updates.pushEach("tickets", List.of(entry), new PushOptions().slice(-REMEMBERED));
        if (phoneKey != null) {
            callers.updateOne(Filters.eq("_id", phoneKey + "|" + place + "|" + category), push,
                    new UpdateOptions().upsert(true));
        }
        areas.updateOne(Filters.eq("_id", place + "|" + category), push, new UpdateOptions().upsert(true));
    }

    private static List<String> recent(MongoCollection<Document> collection, String id, Instant from, Instant to,
                                       @Nullable String excludePhoneKey) {
        Document doc = collection.find(Filters.eq("_id", id)).first();
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
