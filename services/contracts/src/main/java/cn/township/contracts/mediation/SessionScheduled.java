package cn.township.contracts.mediation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A round-table session (圆桌会议) was booked. */
public record SessionScheduled(
        String fileId,
        @Nullable String caseId,
        String sessionId,
        int round,
        Instant startsAt,
        Instant endsAt,
        String room,
        List<Participant> participants,
        Instant at) implements MediationEvent {
}
