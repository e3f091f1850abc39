package cn.township.messaging.consume;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Updates;
import org.bson.conversions.Bson;

import java.util.List;

/**
 * Idempotent consumption inside the aggregate's own document: the ids of the last events applied to it are
 * kept in {@value #APPLIED}; an update guarded by {@link #notYetApplied} and carrying {@link #markApplied}
 * applies an event once, however often it is delivered.
 */
public final class Inbox {

    public static final String APPLIED = "applied";
    private static final int REMEMBERED = 256;

    private Inbox() {
    }

    public static Bson notYetApplied(String eventId) {
        return Filters.ne(APPLIED, eventId);
    }

    public static Bson markApplied(String eventId) {
        return Updates.pushEach(APPLIED, List.of(eventId), new PushOptions().slice(-REMEMBERED));
    }
}
