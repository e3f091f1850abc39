package cn.township.contracts.intake;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The city's call-back result (回访). */
public record SatisfactionReported(
        String ticketId,
        String messageId,
        Satisfaction rating,
        @Nullable String comment,
        Instant at) implements IntakeEvent {
}
