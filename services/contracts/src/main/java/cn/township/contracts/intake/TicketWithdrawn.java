package cn.township.contracts.intake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The citizen withdrew the ticket (撤单). */
public record TicketWithdrawn(
        String ticketId,
        String messageId,
        @Nullable String reason,
        Instant at) implements IntakeEvent {
}
