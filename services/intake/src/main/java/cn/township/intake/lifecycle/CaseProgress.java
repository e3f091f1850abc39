package cn.township.intake.lifecycle;

import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseReopened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.contracts.dispatch.DispatchEvent;
import cn.township.intake.ticket.TicketStatus;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a case event means for its tickets: their new status (if any), a line for the public update
 * history, who is responsible and by when, and whether the city must be told the result (办结反馈).
 * {@code ticketIds} is null when the event does not name them (the case's tickets are looked up).
 */
public record CaseProgress(String caseId, @Nullable List<String> ticketIds, @Nullable TicketStatus status,
                           String description, @Nullable String agency, @Nullable Instant expectedAt,
                           @Nullable FeedbackResult feedback, Instant at) {

    /** The result reported back to the city. */
    public record FeedbackResult(String result, String text) {
    }

    public static Optional<CaseProgress> of(DispatchEvent event) {
        return Optional.ofNullable(switch (event) {
            case CaseOpened e -> new CaseProgress(e.caseId(), e.ticketIds(), TicketStatus.IN_PROGRESS,
                    "受理 case " + e.caseId() + " opened", null, null, null, e.at());
            case CaseSignedOff e -> new CaseProgress(e.caseId(), null, null,
                    "签批 signed off: lead department " + e.leadDepartment(), e.leadDepartment(), e.resolutionDueAt(),
                    null, e.at());
            case CaseHandedDown e -> new CaseProgress(e.caseId(), e.ticketIds(), null,
                    "下交 handed down to village " + e.village(), null, null, null, e.at());
            case CaseResolved e -> new CaseProgress(e.caseId(), e.ticketIds(), TicketStatus.RESOLVED,
                    "办结 resolved: " + e.resolution(), null, null, new FeedbackResult("RESOLVED", e.resolution()), e.at());
            case CaseEscalatedUp e -> new CaseProgress(e.caseId(), e.ticketIds(), TicketStatus.ESCALATED,
                    "上交 escalated to the district: " + e.reason(), null, null,
                    new FeedbackResult("ESCALATED_UP", e.reason()), e.at());
            case CaseClosed e -> new CaseProgress(e.caseId(), e.ticketIds(), TicketStatus.CLOSED,
                    "结案 closed (" + e.outcome() + ")", null, null, null, e.at());
            case CaseReopened e -> new CaseProgress(e.caseId(), null, TicketStatus.IN_PROGRESS,
                    "重办 reopened: " + e.reason(), null, null, null, e.at());
            default -> null;
        });
    }

    /** A withdrawn ticket stays withdrawn whatever happens to its case. */
    public TicketStatus next(TicketStatus current) {
        if (status == null || current == TicketStatus.WITHDRAWN) {
            return current;
        }
        return status;
    }
}
