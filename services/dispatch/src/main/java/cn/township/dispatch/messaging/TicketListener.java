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
import cn.township.messaging.MessagingAutoConfiguration;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Tickets from intake: open or merge cases, count urges, take call-backs and withdrawals. Takes a whole poll at
 * once: consecutive new tickets that name no linked ticket are opened together (one read, one bulk insert);
 * everything else is handled one event at a time, in order. A record that fails or cannot be read is named to
 * the error handler, so the records before it are committed and it is retried, then dead-lettered.
 */
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

    @KafkaListener(topics = Topics.INTAKE_TICKETS, groupId = "${township.dispatch.consumer-group:dispatch}",
            containerFactory = MessagingAutoConfiguration.BATCH_LISTENER_FACTORY)
    void on(List<ConsumerRecord<String, InboundEvent>> records) {
        List<ConsumerRecord<String, InboundEvent>> run = new ArrayList<>();
        for (ConsumerRecord<String, InboundEvent> record : records) {
            InboundEvent event = record.value();
            if (event != null && event.payload() instanceof TicketReceived t && t.linkedTicketIds().isEmpty()) {
                run.add(record);
                continue;
            }
            openAll(run);
            if (event == null) {
                throw new BatchListenerFailedException("record cannot be read as a CloudEvent", record);
            }
            try {
                handle(event);
            } catch (RuntimeException e) {
                throw new BatchListenerFailedException(e.getMessage(), e, record);
            }
        }
        openAll(run);
    }

    private void openAll(List<ConsumerRecord<String, InboundEvent>> run) {
        if (run.isEmpty()) {
            return;
        }
        try {
            opening.receiveAll(run.stream().map(r -> new Opening.Arrival((TicketReceived) r.value().payload(),
                    r.value().traceparent())).toList());
        } catch (RuntimeException e) {
            // the whole run again (opening is idempotent), from its first record
            throw new BatchListenerFailedException(e.getMessage(), e, run.getFirst());
        }
        run.clear();
    }

    private void handle(InboundEvent event) {
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

    private void onCaseOf(String ticketId, Consumer<String> action) {
        cases.findByTicket(ticketId).ifPresent(stored -> action.accept(stored.value().id()));
    }
}
