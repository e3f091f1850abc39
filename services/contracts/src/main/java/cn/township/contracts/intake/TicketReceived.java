package cn.township.contracts.intake;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A ticket accepted from 12345, a grid worker or Open311, classified and linked to earlier ones. */
public record TicketReceived(
        String ticketId,
        @Nullable String ticketNo,
        TicketSource source,
        Instant receivedAt,
        @Nullable Channel channel,
        TicketKind kind,
        String category,
        @Nullable String leadDepartment,
        @Nullable String deadlineClass,
        String content,
        @Nullable String address,
        @Nullable Location location,
        @Nullable String village,
        @Nullable String grid,
        boolean manualRouting,
        @Nullable Complainant complainant,
        boolean confidential,
        Urgency urgency,
        @Nullable Instant dueAt,
        List<Attachment> attachments,
        List<String> linkedTicketIds,
        @Nullable String reportedBy) implements IntakeEvent {
}
