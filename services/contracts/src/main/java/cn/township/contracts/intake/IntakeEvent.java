package cn.township.contracts.intake;

import cn.township.contracts.DomainEvent;

/** Events intake publishes on {@code intake.tickets.v1}; subject and key are the ticket id. */
public sealed interface IntakeEvent extends DomainEvent
        permits SatisfactionReported, TicketReceived, TicketSupplemented, TicketUrged, TicketWithdrawn {

    String ticketId();

    @Override
    default String subject() {
        return ticketId();
    }
}
