package cn.township.intake.receiving;

import cn.township.intake.ticket.TicketStatus;

/** The answer to a submission: the ticket, its status, and whether this call created it or replayed it. */
public record Accepted(String ticketId, TicketStatus status, boolean created) {
}
