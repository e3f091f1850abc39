package cn.township.dispatch.messaging;

import cn.township.contracts.Topics;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.MediationFailed;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.contracts.village.VillagerReviewConcluded;
import cn.township.dispatch.casework.CaseWork;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** The outcomes a handed-down case waits for: the elders, the villagers' review and mediation. */
@Component
class OutcomeListener {

    private final CaseWork work;

    OutcomeListener(CaseWork work) {
        this.work = work;
    }

    @KafkaListener(topics = {Topics.MEDIATION_SESSIONS, Topics.VILLAGE_AFFAIRS}, groupId = "${township.dispatch.consumer-group:dispatch}")
    void on(InboundEvent event) {
        try (var ignored = TraceContext.open(event.traceparent())) {
            switch (event.payload()) {
                case ElderReviewConcluded e -> work.apply(e.caseId(),
                        (c, now) -> c.recordElderReview(e.reviewId(), e.decision().name(), now));
                case VillagerReviewConcluded e -> work.apply(e.caseId(),
                        (c, now) -> c.recordVillagersReview(e.reviewId(), e.converted(), e.averageRating(), now));
                case AgreementReached e when e.caseId() != null -> work.apply(e.caseId(),
                        (c, now) -> c.recordMediation(e.fileId(), true,
                                "agreement after " + e.rounds() + " round(s): " + String.join("; ", e.terms()), now));
                case MediationFailed e when e.caseId() != null -> work.apply(e.caseId(),
                        (c, now) -> c.recordMediation(e.fileId(), false,
                                "mediation failed after " + e.rounds() + " round(s): " + e.reason(), now));
                case null, default -> { }
            }
        }
    }
}
