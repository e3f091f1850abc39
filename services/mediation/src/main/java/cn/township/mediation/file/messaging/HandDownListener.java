package cn.township.mediation.file.messaging;

import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.mediation.file.app.FileService;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A case handed down to its village (下交) opens its mediation file; other dispatch events are not ours. */
@Component
class HandDownListener {

    private final FileService files;

    HandDownListener(FileService files) {
        this.files = files;
    }

    @KafkaListener(topics = Topics.DISPATCH_CASES, groupId = "mediation")
    void on(InboundEvent event) {
        if (event.payload() instanceof CaseHandedDown handedDown) {
            try (var scope = TraceContext.open(event.traceparent())) {
                files.openFromHandDown(handedDown);
            }
        }
    }
}
