package cn.township.contracts.intake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The city chased a ticket (催办). */
public record TicketUrged(
        String ticketId,
        String messageId,
        @Nullable String note,
        Instant at) implements IntakeEvent {
}
