package cn.township.intake.lifecycle;

import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.DispatchEvent;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Follows dispatch's cases: a thin adapter from the topic to {@link CaseTracking}. */
@Component
class CaseListener {

    private final CaseTracking tracking;

    CaseListener(CaseTracking tracking) {
        this.tracking = tracking;
    }

    @KafkaListener(topics = Topics.DISPATCH_CASES, groupId = "intake")
    void on(InboundEvent event) {
        if (event.payload() instanceof DispatchEvent e) {
            try (var scope = TraceContext.open(event.traceparent())) {
                CaseProgress.of(e).ifPresent(progress -> tracking.apply(event.id(), progress));
            }
        }
    }
}
