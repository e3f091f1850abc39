package cn.township.contracts.mediation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A reminder for a session is due (24 h and 1 h before). */
public record SessionReminderDue(
        String fileId,
        @Nullable String caseId,
        String sessionId,
        Instant startsAt,
        Duration before,
        List<String> memberIds,
        Instant at) implements MediationEvent {
}
