package cn.township.dispatch.messaging;

import cn.township.contracts.Topics;
import cn.township.contracts.intake.SatisfactionReported;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSupplemented;
import cn.township.contracts.intake.TicketUrged;
import cn.township.contracts.intake.TicketWithdrawn;
import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.casework.CaseWork;
import cn.township.dispatch.casework.Opening;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Tickets from intake: open or merge cases, count urges, take call-backs and withdrawals. */
@Component
class TicketListener {

    private final Opening opening;
    private final CaseWork work;
    private final CaseRepository cases;
    private final Duration reopenWindow;

    TicketListener(Opening opening, CaseWork work, CaseRepository cases, DispatchProperties properties) {
        this.opening = opening;
        this.work = work;
        this.cases = cases;
        this.reopenWindow = properties.reopenWindow();
    }

    @KafkaListener(topics = Topics.INTAKE_TICKETS, groupId = "${township.dispatch.consumer-group:dispatch}")
    void on(InboundEvent event) {
        try (var ignored = TraceContext.open(event.traceparent())) {
            switch (event.payload()) {
                case TicketReceived t -> opening.receive(t);
                case TicketUrged u -> onCaseOf(u.ticketId(), id -> work.apply(id, (c, now) -> c.urge(u.messageId(), u.note(), now)));
                case SatisfactionReported s -> onCaseOf(s.ticketId(), id -> work.apply(id,
                        (c, now) -> c.rate(s.messageId(), s.rating(), s.comment(), reopenWindow, now)));
                case TicketWithdrawn w -> onCaseOf(w.ticketId(), id -> work.apply(id,
                        (c, now) -> c.withdraw(w.messageId(), w.ticketId(), w.reason(), now)));
                case TicketSupplemented s -> onCaseOf(s.ticketId(), id -> work.apply(id,
                        (c, now) -> c.supplement(s.messageId(), s.content() != null ? s.content()
                                : s.attachments().size() + " attachment(s)", now)));
                case null, default -> { }
            }
        }
    }

    private void onCaseOf(String ticketId, java.util.function.Consumer<String> action) {
        cases.findByTicket(ticketId).ifPresent(stored -> action.accept(stored.value().id()));
    }
}
