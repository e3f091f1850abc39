package cn.township.intake.receiving;

import cn.township.messaging.mongo.ById;
import cn.township.intake.persistence.TicketFields;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.ticket.FollowUp;
import cn.township.intake.ticket.TicketRules;
import cn.township.intake.ticket.TicketStatus;
import cn.township.messaging.outbox.OutboxStore;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.time.Clock;
import java.util.Date;
import java.util.List;
import java.util.function.Predicate;

/**
 * Applies the city's follow-ups to a ticket, once per message id: the follow-up, its event and the new
 * status go in one conditional write (same version, message id not yet seen). The same message again is
 * answered from the record; the same id with other content is a conflict.
 */
public final class FollowUps {

    private static final int ATTEMPTS = 8;

    private final TicketStore store;
    private final Clock clock;

    public FollowUps(TicketStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public record Result(String ticketId, String messageId, TicketStatus status, boolean applied) {
    }

    /**
     * @param visible whether the caller may see this ticket (otherwise: not found)
     * @throws TicketNotFound when there is no such ticket for this caller
     */
    public Result apply(String ticketId, FollowUp followUp, String fingerprint, Predicate<Document> visible) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Document doc = store.byId(ticketId).filter(visible).orElseThrow(() -> new TicketNotFound(ticketId));
            TicketStatus status = TicketStatus.valueOf(doc.getString(TicketFields.STATUS));
            for (Document seen : doc.getList(TicketFields.FOLLOW_UPS, Document.class, List.of())) {
                if (followUp.messageId().equals(seen.getString("messageId"))) {
                    if (!fingerprint.equals(seen.getString("fingerprint"))) {
                        throw new DuplicateSubmission("messageId " + followUp.messageId()
                                + " was already applied to ticket " + ticketId + " with different content", ticketId);
                    }
                    return new Result(ticketId, followUp.messageId(), status, false);
                }
            }
            TicketRules.Decision decision = TicketRules.apply(ticketId, status, followUp);
            long version = doc.get(OutboxStore.VERSION, Number.class).longValue();
            Date now = Date.from(clock.instant());
            var filter = ById.where(ticketId, Filters.eq(OutboxStore.VERSION, version),
                    Filters.ne(TicketFields.MESSAGE_IDS, followUp.messageId()));
            var update = Updates.combine(
                    Updates.set(TicketFields.STATUS, decision.status().name()),
                    Updates.set(TicketFields.UPDATED_AT, now),
                    Updates.inc(OutboxStore.VERSION, 1L),
                    Updates.push(TicketFields.MESSAGE_IDS, followUp.messageId()),
                    Updates.push(TicketFields.FOLLOW_UPS, record(followUp, fingerprint, now)),
                    Updates.push(TicketFields.UPDATES, StatusUpdates.entry(followUp.messageId(), decision.status(),
                            description(followUp), now)));
            if (store.updateWhere(filter, ticketId, update, List.of(decision.event()))) {
                return new Result(ticketId, followUp.messageId(), decision.status(), true);
            }
        }
        throw new IllegalStateException("ticket " + ticketId + " kept changing; follow-up not applied, retry");
    }

    private static Document record(FollowUp f, String fingerprint, Date now) {
        Document d = new Document("messageId", f.messageId()).append("kind", f.kind()).append("fingerprint", fingerprint)
                .append("at", Date.from(f.at())).append("recordedAt", now);
        switch (f) {
            case FollowUp.Urge u -> d.append("note", u.note());
            case FollowUp.Supplement s -> d.append("content", s.content()).append("attachments",
                    TicketDocuments.attachments(s.attachments()));
            case FollowUp.Withdrawal w -> d.append("reason", w.reason());
            case FollowUp.SatisfactionCallback c -> d.append("rating", c.rating().name()).append("comment", c.comment());
        }
        return d;
    }

    private static String description(FollowUp f) {
        return switch (f) {
            case FollowUp.Urge u -> "催办 urged by 12345";
            case FollowUp.Supplement s -> "补充 supplemented by 12345"
                    + (s.attachments().isEmpty() ? "" : " (" + s.attachments().size() + " attachments)");
            case FollowUp.Withdrawal w -> "撤单 withdrawn";
            case FollowUp.SatisfactionCallback c -> "回访 " + c.rating().name();
        };
    }

}
