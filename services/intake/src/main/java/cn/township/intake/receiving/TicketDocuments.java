package cn.township.intake.receiving;

import cn.township.contracts.intake.Attachment;
import cn.township.contracts.intake.TicketReceived;
import cn.township.intake.persistence.TicketFields;
import cn.township.intake.privacy.ProtectedPhone;
import cn.township.intake.ticket.NewTicket;
import cn.township.intake.ticket.TicketStatus;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/** The stored form of a new ticket: what was received, how it was classified, the phone sealed. */
final class TicketDocuments {

    private TicketDocuments() {
    }

    static Document of(TicketReceived r, NewTicket t, String fingerprint, @Nullable ProtectedPhone phone,
                       List<String> similar, String matchedBy, Instant now) {
        Document doc = new Document("_id", r.ticketId())
                .append(TicketFields.SOURCE, r.source().name())
                .append(TicketFields.FINGERPRINT, fingerprint)
                .append(TicketFields.RECEIVED_AT, Date.from(r.receivedAt()))
                .append(TicketFields.ACCEPTED_AT, Date.from(now))
                .append(TicketFields.UPDATED_AT, Date.from(now))
                .append(TicketFields.KIND, r.kind().name())
                .append(TicketFields.CATEGORY, r.category())
                .append(TicketFields.LEAD_DEPARTMENT, r.leadDepartment())
                .append(TicketFields.DEADLINE_CLASS, r.deadlineClass())
                .append(TicketFields.CONTENT, r.content())
                .append(TicketFields.MANUAL_ROUTING, r.manualRouting())
                .append(TicketFields.MATCHED_BY, matchedBy)
                .append(TicketFields.CONFIDENTIAL, r.confidential())
                .append(TicketFields.URGENCY, r.urgency().name())
                .append(TicketFields.ATTACHMENTS, attachments(r.attachments()))
                .append(TicketFields.LINKED, r.linkedTicketIds())
                .append(TicketFields.SIMILAR, similar)
                .append(TicketFields.STATUS, TicketStatus.RECEIVED.name())
                .append(TicketFields.FOLLOW_UPS, List.of())
                .append(TicketFields.MESSAGE_IDS, List.of())
                .append(TicketFields.UPDATES, List.of());
        putIfPresent(doc, TicketFields.TICKET_NO, r.ticketNo());
        putIfPresent(doc, TicketFields.SOURCE_REF, t.sourceRef());
        putIfPresent(doc, TicketFields.CHANNEL, r.channel() == null ? null : r.channel().name());
        putIfPresent(doc, TicketFields.ADDRESS, r.address());
        putIfPresent(doc, TicketFields.VILLAGE, r.village());
        putIfPresent(doc, TicketFields.GRID, r.grid());
        putIfPresent(doc, TicketFields.REPORTED_BY, r.reportedBy());
        putIfPresent(doc, TicketFields.DUE_AT, r.dueAt() == null ? null : Date.from(r.dueAt()));
        if (r.location() != null) {
            doc.append(TicketFields.LOCATION, new Document("lat", r.location().lat()).append("lng", r.location().lng()));
        }
        if (t.complainantName() != null || phone != null) {
            Document c = new Document();
            putIfPresent(c, TicketFields.NAME, t.complainantName());
            if (phone != null) {
                c.append(TicketFields.PHONE_SEALED, phone.sealed()).append(TicketFields.PHONE_KEY, phone.key())
                        .append(TicketFields.PHONE_MASKED, phone.masked());
            }
            doc.append(TicketFields.COMPLAINANT, c);
        }
        return doc;
    }

    static List<Document> attachments(List<Attachment> attachments) {
        return attachments.stream().map(a -> new Document("url", a.url()).append("mediaType", a.mediaType())).toList();
    }

    private static void putIfPresent(Document doc, String field, @Nullable Object value) {
        if (value != null) {
            doc.append(field, value);
        }
    }
}
