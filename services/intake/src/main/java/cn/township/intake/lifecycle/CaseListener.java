package cn.township.intake.lifecycle;

import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.DispatchEvent;
import cn.township.messaging.MessagingAutoConfiguration;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Follows dispatch's cases: a thin adapter from the topic to {@link CaseTracking}, a whole poll at a time. A
 * record that cannot be read is named to the error handler (the records before it are applied and committed, it is
 * retried and then dead-lettered); if applying fails, the poll is delivered again from its first record, which the
 * inbox makes harmless.
 */
@Component
class CaseListener {

    private final CaseTracking tracking;

    CaseListener(CaseTracking tracking) {
        this.tracking = tracking;
    }

    @KafkaListener(topics = Topics.DISPATCH_CASES, groupId = "intake",
            containerFactory = MessagingAutoConfiguration.BATCH_LISTENER_FACTORY)
    void on(List<ConsumerRecord<String, InboundEvent>> records) {
        List<CaseTracking.Delivered> run = new ArrayList<>();
        ConsumerRecord<String, InboundEvent> first = null;
        for (ConsumerRecord<String, InboundEvent> record : records) {
            InboundEvent event = record.value();
            if (event == null) {
                apply(run, first);
                throw new BatchListenerFailedException("record cannot be read as a CloudEvent", record);
            }
            if (event.payload() instanceof DispatchEvent e) {
                var progress = CaseProgress.of(e);
                if (progress.isPresent()) {
                    first = first == null ? record : first;
                    run.add(new CaseTracking.Delivered(event.id(), progress.get()));
                }
            }
        }
        apply(run, first);
    }

    private void apply(List<CaseTracking.Delivered> run, ConsumerRecord<String, InboundEvent> first) {
        if (run.isEmpty()) {
            return;
        }
        // one trace for the poll: the first event's (a batch has no single parent)
        try (var scope = TraceContext.open(first.value().traceparent())) {
            tracking.applyAll(run);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException(e.getMessage(), e, first);
        }
    }
}
