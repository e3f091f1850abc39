package cn.township.intake.receiving;

import cn.township.contracts.intake.Complainant;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.intake.classification.Category;
import cn.township.intake.classification.CategoryCatalogue;
import cn.township.intake.classification.Gazetteer;
import cn.township.intake.classification.Placement;
import cn.township.intake.persistence.TicketFields;
import cn.township.intake.persistence.TicketStore;
import cn.township.intake.privacy.PhoneProtector;
import cn.township.intake.privacy.ProtectedPhone;
import cn.township.intake.ticket.NewTicket;
import cn.township.intake.ticket.TicketStatus;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Accepts a ticket from any source: classify (catalogue, gazetteer), protect the phone, link repeat callers,
 * then store the ticket and its TicketReceived in one write. A submission seen before (same ticket number
 * or report id) is answered from the stored ticket: same content, same ticket; other content, a conflict.
 */
public final class TicketIntake {

    private final TicketStore store;
    private final CategoryCatalogue catalogue;
    private final Gazetteer gazetteer;
    private final PhoneProtector phones;
    private final RepeatCallers repeatCallers;
    private final Clock clock;

    public TicketIntake(TicketStore store, CategoryCatalogue catalogue, Gazetteer gazetteer, PhoneProtector phones,
                        RepeatCallers repeatCallers, Clock clock) {
        this.store = store;
        this.catalogue = catalogue;
        this.gazetteer = gazetteer;
        this.phones = phones;
        this.repeatCallers = repeatCallers;
        this.clock = clock;
    }

    public Accepted accept(NewTicket t) {
        Category category = catalogue.find(t.category()).orElseThrow(() -> new UnknownCategory("category", t.category()));
        String fingerprint = t.fingerprint();
        String ticketId = ticketId(t);
        Placement placement = place(t);
        ProtectedPhone phone = t.phone() == null ? null : phones.protect(t.phone());
        // a confidential complainant is not linked by phone, either way: a link would name them through the
        // other ticket (and dispatch would merge the confidential ticket into a case that shows them)
        String phoneKey = phone == null || t.confidential() ? null : phone.key();
        String place = RepeatCallers.place(placement.village(), t.address());
        RepeatCallers.Matches matches = repeatCallers.find(phoneKey, place, category.code(), t.receivedAt());
        List<String> linked = matches.sameCaller();
        List<String> similar = matches.otherCallers();

        TicketReceived received = new TicketReceived(ticketId, t.ticketNo(), t.source(), t.receivedAt(), t.channel(),
                t.kind(), category.code(), category.leadDepartment(), category.deadlineClass(), t.content(),
                t.address(), t.location(), placement.village(), placement.grid(), placement.manualRouting(),
                complainant(t, phone), t.confidential(), t.urgency(), t.dueAt(), t.attachments(), linked,
                t.reportedBy());
        Document doc = TicketDocuments.of(received, t, fingerprint, phone, similar, placement.matchedBy(),
                clock.instant());
        // no look-up first: the unique ticket number (or the derived grid report id) decides, atomically
        if (!store.insert(doc, List.of(received))) {
            Document existing = (t.ticketNo() != null ? store.byTicketNo(t.ticketNo()) : store.byId(ticketId))
                    .orElseThrow(() -> new IllegalStateException("duplicate key but no ticket for " + ticketId));
            return replay(existing, fingerprint);
        }
        repeatCallers.remember(ticketId, phoneKey, place, category.code(), t.receivedAt());
        return new Accepted(ticketId, TicketStatus.RECEIVED, true);
    }

    /**
     * The complainant as the event carries them: name, masked phone and the repeat-caller key, or nothing at all
     * for a confidential ticket. The event reaches services whose users include village roles (dispatch, village),
     * so a confidential complainant stays in intake, where {@code GET /api/intake/v1/tickets/{id}} shows them to
     * the roles {@link cn.township.security.Pii} allows.
     */
    private static @Nullable Complainant complainant(NewTicket t, @Nullable ProtectedPhone phone) {
        if (t.confidential() || (t.complainantName() == null && phone == null)) {
            return null;
        }
        return phone == null ? new Complainant(t.complainantName(), null, null)
                : new Complainant(t.complainantName(), phone.masked(), phone.key());
    }

    private Placement place(NewTicket t) {
        Double lat = t.location() == null ? null : t.location().lat();
        Double lng = t.location() == null ? null : t.location().lng();
        Placement placement = gazetteer.place(t.grid(), t.address(), lat, lng);
        if (placement.manualRouting() && t.reporterVillage() != null && gazetteer.village(t.reporterVillage()).isPresent()) {
            return new Placement(t.reporterVillage(), t.grid(), false, "reporter");
        }
        return placement;
    }

    private static Accepted replay(Document existing, String fingerprint) {
        String id = existing.getString("_id");
        if (!fingerprint.equals(existing.getString(TicketFields.FINGERPRINT))) {
            String ref = existing.getString(TicketFields.TICKET_NO) != null
                    ? "ticketNo " + existing.getString(TicketFields.TICKET_NO) : "this report";
            throw new DuplicateSubmission(ref + " was already received as ticket " + id
                    + " with different content", id);
        }
        return new Accepted(id, TicketStatus.valueOf(existing.getString(TicketFields.STATUS)), false);
    }

    /**
     * 12345 and Open311 tickets get a random id (the ticket number index guards 12345 duplicates); a grid
     * report's id is derived from its reporter and report id, so a resent report finds its ticket.
     */
    static String ticketId(NewTicket t) {
        if (t.source() == TicketSource.GRID && t.sourceRef() != null) {
            return "GR-" + digest(t.reportedBy() + "|" + t.sourceRef()).substring(0, 24);
        }
        String prefix = t.source() == TicketSource.OPEN311 ? "OS-" : "TK-";
        return prefix + UUID.randomUUID();
    }

    private static String digest(@Nullable String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(String.valueOf(text).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
