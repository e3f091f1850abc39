package cn.township.intake.web;

import cn.township.contracts.intake.Channel;
import cn.township.contracts.intake.Location;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import cn.township.intake.ticket.NewTicket;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** The JSON the city's 12345 system pushes; everything arrives as text and is checked field by field. */
public record TicketPush(@Nullable String ticketNo, @Nullable String receivedAt, @Nullable String channel,
                         @Nullable String kind, @Nullable String category, @Nullable String content,
                         @Nullable String address, @Nullable Point location, @Nullable Person complainant,
                         @Nullable Boolean confidential, @Nullable String urgency, @Nullable String dueAt,
                         @Nullable List<AttachmentBody> attachments) {

    public record Point(@Nullable Double lat, @Nullable Double lng) {
    }

    public record Person(@Nullable String name, @Nullable String phone) {
    }

    public record AttachmentBody(@Nullable String url, @Nullable String mediaType) implements Checks.AttachmentInput {
    }

    NewTicket toNewTicket() {
        Checks c = new Checks();
        String no = c.reference("ticketNo", ticketNo);
        Instant received = c.instant("receivedAt", receivedAt, true);
        Channel ch = c.oneOf("channel", channel, Channel.class, null);
        TicketKind k = c.oneOf("kind", kind, TicketKind.class, null);
        String cat = c.text("category", category, true, 64);
        String text = c.text("content", content, true, 4000);
        String addr = c.text("address", address, true, 500);
        Location loc = location == null ? null : c.location("location", location.lat(), location.lng());
        String name = null;
        String phone = null;
        if (complainant == null) {
            c.fail("complainant", "is required: {name, phone}");
        } else {
            name = c.text("complainant.name", complainant.name(), false, 64);
            phone = c.phone("complainant.phone", complainant.phone(), true);
        }
        Urgency u = c.oneOf("urgency", urgency, Urgency.class, Urgency.NORMAL);
        Instant due = c.instant("dueAt", dueAt, false);
        if (due != null && received != null && !due.isAfter(received)) {
            c.fail("dueAt", "must be after receivedAt");
        }
        var files = c.attachments("attachments", attachments);
        c.done();
        return new NewTicket(TicketSource.HOTLINE_12345, no, no, received, ch, k, cat, text, addr, loc, null, name,
                phone, Boolean.TRUE.equals(confidential), u, due, files, null, null);
    }
}
