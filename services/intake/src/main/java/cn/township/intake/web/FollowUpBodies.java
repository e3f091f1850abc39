package cn.township.intake.web;

import cn.township.contracts.intake.Satisfaction;
import cn.township.intake.ticket.FollowUp;
import org.jspecify.annotations.Nullable;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** The JSON bodies of the city's follow-ups; each needs its {@code messageId}, {@code at} defaults to now. */
final class FollowUpBodies {

    private FollowUpBodies() {
    }

    public record UrgeBody(@Nullable String messageId, @Nullable String note, @Nullable String at) {
        FollowUp.Urge toFollowUp(Clock clock) {
            Checks c = new Checks();
            String id = c.reference("messageId", messageId);
            String n = c.text("note", note, false, 2000);
            Instant when = c.instant("at", at, false);
            c.done();
            return new FollowUp.Urge(id, n, when != null ? when : clock.instant());
        }
    }

    public record SupplementBody(@Nullable String messageId, @Nullable String content,
                                 @Nullable List<TicketPush.AttachmentBody> attachments, @Nullable String at) {
        FollowUp.Supplement toFollowUp(Clock clock) {
            Checks c = new Checks();
            String id = c.reference("messageId", messageId);
            String text = c.text("content", content, false, 4000);
            var files = c.attachments("attachments", attachments);
            Instant when = c.instant("at", at, false);
            if (c.ok() && text == null && files.isEmpty()) {
                c.fail("content", "a supplement needs content or attachments");
            }
            c.done();
            return new FollowUp.Supplement(id, text, files, when != null ? when : clock.instant());
        }
    }

    public record WithdrawalBody(@Nullable String messageId, @Nullable String reason, @Nullable String at) {
        FollowUp.Withdrawal toFollowUp(Clock clock) {
            Checks c = new Checks();
            String id = c.reference("messageId", messageId);
            String r = c.text("reason", reason, false, 2000);
            Instant when = c.instant("at", at, false);
            c.done();
            return new FollowUp.Withdrawal(id, r, when != null ? when : clock.instant());
        }
    }

    public record SatisfactionBody(@Nullable String messageId, @Nullable String rating, @Nullable String comment,
                                   @Nullable String at) {
        FollowUp.SatisfactionCallback toFollowUp(Clock clock) {
            Checks c = new Checks();
            String id = c.reference("messageId", messageId);
            Satisfaction s = c.oneOf("rating", rating, Satisfaction.class, null);
            String text = c.text("comment", comment, false, 2000);
            Instant when = c.instant("at", at, false);
            c.done();
            return new FollowUp.SatisfactionCallback(id, s, text, when != null ? when : clock.instant());
        }
    }

    /** Equal follow-ups, equal fingerprints ({@code at} left out when the city did not send it). */
    static String fingerprint(Object body) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
