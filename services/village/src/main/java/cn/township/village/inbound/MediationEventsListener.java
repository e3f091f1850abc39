package cn.township.village.inbound;

import cn.township.contracts.Topics;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import cn.township.village.points.AutoAwards;
import cn.township.village.points.PointsCatalogue;
import cn.township.village.review.ReviewService;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * An agreement in mediation earns civility points for the parties' and the team members' households (once
 * per event and household) and marks the case's villagers' review as converted.
 */
@Component
class MediationEventsListener {

    private final AutoAwards awards;
    private final ReviewService reviews;

    MediationEventsListener(AutoAwards awards, ReviewService reviews) {
        this.awards = awards;
        this.reviews = reviews;
    }

    @KafkaListener(topics = Topics.MEDIATION_SESSIONS, groupId = "village")
    void on(InboundEvent event) {
        if (event.payload() instanceof AgreementReached agreement) {
            try (var scope = TraceContext.open(event.traceparent())) {
                String reason = "agreement reached in mediation " + agreement.fileId();
                awards.award(event.id(), agreement.village(), agreement.at(), List.of(
                        new AutoAwards.Beneficiaries(PointsCatalogue.MEDIATION_PARTY, agreement.parties().stream()
                                .map(Party::household).filter(Objects::nonNull).toList(), reason),
                        new AutoAwards.Beneficiaries(PointsCatalogue.MEDIATION_TEAM, agreement.team().stream()
                                .map(Participant::household).filter(Objects::nonNull).toList(), reason)));
                if (agreement.caseId() != null) {
                    reviews.agreementReached(agreement.caseId());
                }
            }
        }
    }
}
