package cn.township.village.inbound;

import cn.township.contracts.Topics;
import cn.township.contracts.intake.TicketReceived;
import cn.township.messaging.consume.InboundEvent;
import cn.township.village.project.TicketTally;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Every ticket received is counted by village, category and grid (for projects' before/after). */
@Component
class TicketEventsListener {

    private final TicketTally tally;

    TicketEventsListener(TicketTally tally) {
        this.tally = tally;
    }

    @KafkaListener(topics = Topics.INTAKE_TICKETS, groupId = "${township.village.group-id:village}")
    void on(InboundEvent event) {
        if (event.payload() instanceof TicketReceived ticket) {
            tally.record(ticket);
        }
    }
}
