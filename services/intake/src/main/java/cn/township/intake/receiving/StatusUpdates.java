package cn.township.intake.receiving;

import cn.township.intake.ticket.TicketStatus;
import org.bson.Document;

import java.util.Date;

/** One entry of a ticket's public update history (Open311 / FixMyStreet servicerequestupdates). */
public final class StatusUpdates {

    private StatusUpdates() {
    }

    public static Document entry(String updateId, TicketStatus status, String description, Date at) {
        return new Document("updateId", updateId).append("status", status.name()).append("description", description)
                .append("at", at);
    }
}
