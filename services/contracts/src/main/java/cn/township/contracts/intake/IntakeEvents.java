package cn.township.contracts.intake;

import cn.township.contracts.EventType;
import cn.township.contracts.Topics;

import java.util.List;

/** The catalogue of {@link IntakeEvent} types: ce_type names and the topic. */
public final class IntakeEvents {

    public static final String TOPIC = Topics.INTAKE_TICKETS;

    public static final List<EventType<?>> TYPES = List.of(
            EventType.of("ticket.intake.SatisfactionReported.v1", SatisfactionReported.class, TOPIC),
            EventType.of("ticket.intake.TicketReceived.v1", TicketReceived.class, TOPIC),
            EventType.of("ticket.intake.TicketSupplemented.v1", TicketSupplemented.class, TOPIC),
            EventType.of("ticket.intake.TicketUrged.v1", TicketUrged.class, TOPIC),
            EventType.of("ticket.intake.TicketWithdrawn.v1", TicketWithdrawn.class, TOPIC));

    private IntakeEvents() {
    }
}
