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
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies case progress to tickets, once per event per ticket (the inbox travels in each ticket's
 * document), and schedules the result for the city. Every step is idempotent, so a redelivered event
 * finishes whatever a crash interrupted.
 *
 * <p>A poll's events are applied together: one bulk write records the cases' tickets, one read fetches the cases
 * that events without ticket ids refer to, and then, for each run of events that touch no ticket twice, one read
 * fetches the tickets and one bulk write applies every conditional update. Under load that is four round trips per
 * poll instead of three per event. A ticket changed meanwhile by someone else (a withdrawal, say) makes its
 * conditional update miss; then the run is applied again one ticket at a time, each read afresh, and the inbox
 * skips what the bulk write already applied.
 */
@Component
public class CaseTracking {

    /** One delivered case event. */
    public record Delivered(String eventId, CaseProgress progress) {
    }

    private record Step(String eventId, CaseProgress progress, String ticketId) {
    }

    private final TicketStore tickets;
    private final MongoCollection<Document> cases;
    private final FeedbackDeliveries feedback;

    CaseTracking(TicketStore tickets, MongoDatabase database, FeedbackDeliveries feedback) {
        this.tickets = tickets;
        this.cases = database.getCollection("cases");
        this.feedback = feedback;
    }

    public void apply(String eventId, CaseProgress progress) {
        applyAll(List.of(new Delivered(eventId, progress)));
    }

    /** Applies the events in their order: for each ticket, its events take effect in the order delivered. */
    public void applyAll(List<Delivered> events) {
        List<UpdateOneModel<Document>> known = new ArrayList<>();
        Set<String> unnamed = new LinkedHashSet<>();
        for (Delivered d : events) {
            List<String> ids = d.progress().ticketIds();
            if (ids != null && !ids.isEmpty()) {
                known.add(new UpdateOneModel<>(Filters.eq("_id", d.progress().caseId()),
                        Updates.addEachToSet("ticketIds", ids), new UpdateOptions().upsert(true)));
            } else {
                unnamed.add(d.progress().caseId());
            }
        }
        if (!known.isEmpty()) {
            cases.bulkWrite(known, new BulkWriteOptions().ordered(true));
        }
        Map<String, List<String>> ticketsOfCase = new HashMap<>();
        if (!unnamed.isEmpty()) {
            cases.find(Filters.in("_id", unnamed)).forEach(c ->
                    ticketsOfCase.put(c.getString("_id"), c.getList("ticketIds", String.class, List.of())));
        }
        List<Step> run = new ArrayList<>();
        Set<String> inRun = new HashSet<>();
        for (Delivered d : events) {
            List<String> ids = d.progress().ticketIds();
            if (ids == null || ids.isEmpty()) {
                ids = ticketsOfCase.getOrDefault(d.progress().caseId(), List.of());
            }
            for (String ticketId : ids) {
                if (!inRun.add(ticketId)) {
                    applyRun(run);
                    run.clear();
                    inRun.clear();
                    inRun.add(ticketId);
                }
                run.add(new Step(d.eventId(), d.progress(), ticketId));
            }
        }
        applyRun(run);
    }

    /** Steps on distinct tickets: one read, one bulk write; one ticket at a time if any write missed. */
    private void applyRun(List<Step> run) {
        if (run.isEmpty()) {
            return;
        }
        Map<String, Document> current = new HashMap<>();
        tickets.collection().find(Filters.in("_id", run.stream().map(Step::ticketId).toList()))
                .forEach(t -> current.put(t.getString("_id"), t));
        List<UpdateOneModel<Document>> writes = new ArrayList<>();
        for (Step step : run) {
            Document ticket = current.get(step.ticketId());
            if (ticket != null && !alreadyApplied(ticket, step.eventId())) {
                writes.add(update(step.eventId(), step.progress(), ticket));
            }
        }
        if (writes.isEmpty()) {
            return;
        }
        long matched = tickets.collection().bulkWrite(writes, new BulkWriteOptions().ordered(false)).getMatchedCount();
        if (matched < writes.size()) {
            run.forEach(step -> applyTo(step.eventId(), step.progress(), step.ticketId()));
        }
    }

    private void applyTo(String eventId, CaseProgress progress, String ticketId) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Document ticket = tickets.byId(ticketId).orElse(null);
            if (ticket == null || alreadyApplied(ticket, eventId)) {
                return;
            }
            UpdateOneModel<Document> write = update(eventId, progress, ticket);
            if (tickets.collection().updateOne(write.getFilter(), write.getUpdate()).getMatchedCount() > 0) {
                return;
            }
        }
        throw new IllegalStateException("ticket " + ticketId + " kept changing while applying " + eventId);
    }

    private static boolean alreadyApplied(Document ticket, String eventId) {
        return ticket.getList(Inbox.APPLIED, String.class, List.of()).contains(eventId);
    }

    /**
     * The conditional write of one event to one ticket: only if the status is still the one the decision was made
     * on. Schedules the city's result first (idempotent by event and ticket), so a crash between the two leaves the
     * event unapplied and its redelivery finishes both.
     */
    private UpdateOneModel<Document> update(String eventId, CaseProgress progress, Document ticket) {
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
        return new UpdateOneModel<>(ById.where(ticketId, Inbox.notYetApplied(eventId),
                Filters.eq(TicketFields.STATUS, current.name())), Updates.combine(sets));
    }
}
