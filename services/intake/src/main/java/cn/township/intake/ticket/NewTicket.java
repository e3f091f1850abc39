package cn.township.intake.ticket;

import cn.township.contracts.intake.Attachment;
import cn.township.contracts.intake.Channel;
import cn.township.contracts.intake.Location;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A validated ticket submission from any source, before classification. {@code phone} is digits only
 * and never stored as such. {@code sourceRef} identifies the submission at its source (the city's ticket
 * number, a grid worker's report id, an Open311 client's request).
 */
public record NewTicket(TicketSource source, @Nullable String ticketNo, @Nullable String sourceRef,
                        Instant receivedAt, @Nullable Channel channel, TicketKind kind, String category,
                        String content, @Nullable String address, @Nullable Location location,
                        @Nullable String grid, @Nullable String complainantName, @Nullable String phone,
                        boolean confidential, Urgency urgency, @Nullable Instant dueAt,
                        List<Attachment> attachments, @Nullable String reportedBy, @Nullable String reporterVillage) {

    public NewTicket {
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** A stable digest of everything the submitter said: equal submissions, equal fingerprints. */
    public String fingerprint() {
        StringBuilder b = new StringBuilder();
        // a grid report's receivedAt is the moment it arrived, so a resent report must not differ by it
        Object when = source == TicketSource.GRID ? null : receivedAt;
        for (Object part : new Object[]{source, ticketNo, sourceRef, when, channel, kind, category, content,
                address, location, grid, complainantName, phone, confidential, urgency, dueAt, attachments,
                reportedBy}) {
            String text = String.valueOf(part);
            b.append(text.length()).append(':').append(text).append('|');
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(b.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
