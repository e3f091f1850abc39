package cn.township.contracts.intake;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The city added content or attachments to a ticket (补充). */
public record TicketSupplemented(
        String ticketId,
        String messageId,
        @Nullable String content,
        List<Attachment> attachments,
        Instant at) implements IntakeEvent {
}
