package cn.township.intake.lifecycle;

import cn.township.messaging.mongo.ById;
import cn.township.contracts.intake.TicketSource;
import cn.township.intake.feedback.FeedbackDeliveries;
import cn.township.intake.persistence.TicketFields;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.receiving.StatusUpdates;
import cn.township.intake.ticket.TicketStatus;
import cn.township.messaging.consume.Inbox;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Applies case progress to tickets, once per event per ticket (the inbox travels in each ticket's
 * document), and schedules the result for the city. Every step is idempotent, so a redelivered event
 * finishes whatever a crash interrupted.
 */
@Component
public class CaseTracking {

    private final TicketStore tickets;
    private final MongoCollection<Document> cases;
    private final FeedbackDeliveries feedback;

    CaseTracking(TicketStore tickets, MongoDatabase database, FeedbackDeliveries feedback) {
        this.tickets = tickets;
        this.cases = database.getCollection("cases");
        this.feedback = feedback;
    }

    public void apply(String eventId, CaseProgress progress) {
        List<String> ticketIds = progress.ticketIds();
        if (ticketIds != null && !ticketIds.isEmpty()) {
            cases.updateOne(Filters.eq("_id", progress.caseId()), Updates.addEachToSet("ticketIds", ticketIds),
                    new UpdateOptions().upsert(true));
        } else {
            Document known = cases.find(Filters.eq("_id", progress.caseId())).first();
            ticketIds = known == null ? List.of() : known.getList("ticketIds", String.class, List.of());
        }
        for (String ticketId : ticketIds) {
            applyTo(eventId, progress, ticketId);
        }
    }

    private void applyTo(String eventId, CaseProgress progress, String ticketId) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Document ticket = tickets.byId(ticketId).orElse(null);
            if (ticket == null || ticket.getList(Inbox.APPLIED, String.class, List.of()).contains(eventId)
                    || applyOnce(eventId, progress, ticket)) {
                return;
            }
        }
        throw new IllegalStateException("ticket " + ticketId + " kept changing while applying " + eventId);
    }

    /** One conditional write: only if the status is still the one the decision was made on. */
    private boolean applyOnce(String eventId, CaseProgress progress, Document ticket) {
        String ticketId = ticket.getString("_id");
        if (progress.feedback() != null && TicketSource.HOTLINE_12345.name().equals(ticket.getString(TicketFields.SOURCE))) {
            feedback.schedule(eventId, ticketId, ticket.getString(TicketFields.TICKET_NO), progress);
        }
        TicketStatus current = TicketStatus.valueOf(ticket.getString(TicketFields.STATUS));
        TicketStatus next = progress.next(current);
        Date at = Date.from(progress.at());
        List<Bson> sets = new ArrayList<>();
        sets.add(Updates.set(TicketFields.STATUS, next.name()));
        sets.add(Updates.set(TicketFields.CASE_ID, progress.caseId()));
        sets.add(Updates.set(TicketFields.UPDATED_AT, at));
        if (progress.agency() != null) {
            sets.add(Updates.set(TicketFields.AGENCY, progress.agency()));
            sets.add(Updates.set(TicketFields.LEAD_DEPARTMENT, progress.agency()));
        }
        if (progress.expectedAt() != null) {
            sets.add(Updates.set(TicketFields.EXPECTED_AT, Date.from(progress.expectedAt())));
        }
        sets.add(Updates.push(TicketFields.UPDATES, StatusUpdates.entry(eventId, next, progress.description(), at)));
        sets.add(Inbox.markApplied(eventId));
        sets.add(Updates.inc(OutboxStore.VERSION, 1L));
        return tickets.updateWhere(ById.where(ticketId, Inbox.notYetApplied(eventId),
                Filters.eq(TicketFields.STATUS, current.name())), ticketId, Updates.combine(sets), List.of());
    }
}
