package cn.township.village.inbound;

import cn.township.contracts.Topics;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import cn.township.village.council.CouncilService;
import cn.township.village.review.ReviewService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** A case handed down to a village (下交) opens its elders' council and its villagers' review. */
@Component
class CaseEventsListener {

    private final CouncilService councils;
    private final ReviewService reviews;

    CaseEventsListener(CouncilService councils, ReviewService reviews) {
        this.councils = councils;
        this.reviews = reviews;
    }

    @KafkaListener(topics = Topics.DISPATCH_CASES, groupId = "${township.village.group-id:village}")
    void on(InboundEvent event) {
        if (event.payload() instanceof CaseHandedDown handedDown) {
            try (var scope = TraceContext.open(event.traceparent())) {
                councils.open(handedDown);
                reviews.open(handedDown);
            }
        }
    }
}
