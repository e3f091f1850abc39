package cn.township.village.project;

import cn.township.contracts.intake.TicketReceived;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The service's own record of complaints per category and area (grid), from TicketReceived: one small
 * document per ticket keyed by the ticket id, so a redelivered ticket is counted once.
 */
@Component
public class TicketTally {

    private final MongoCollection<Document> tickets;

    TicketTally(MongoDatabase database) {
        this.tickets = database.getCollection("tickets");
        this.tickets.createIndex(Indexes.ascending("village"));
    }

    /** Records a ticket; false when it had been recorded (or names no village). */
    public boolean record(TicketReceived t) {
        if (t.village() == null) {
            return false;
        }
        try {
            tickets.insertOne(new Document("_id", t.ticketId()).append("village", t.village())
                    .append("category", t.category()).append("area", t.grid())
                    .append("at", Date.from(t.receivedAt())));
            return true;
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                return false;
            }
            throw e;
        }
    }

    /** Tickets of the village in the category (and area, if given) received in [from, to). */
    public long count(String village, String category, @Nullable String area, Instant from, Instant to) {
        List<Bson> filters = new ArrayList<>(List.of(Filters.eq("village", village), Filters.eq("category", category),
                Filters.gte("at", Date.from(from)), Filters.lt("at", Date.from(to))));
        if (area != null) {
            filters.add(Filters.eq("area", area));
        }
        return tickets.countDocuments(Filters.and(filters));
    }
}
