package cn.township.village.inbound;

import cn.township.contracts.Topics;
import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.messaging.MessagingAutoConfiguration;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import cn.township.village.points.AutoAwards;
import cn.township.village.points.PointsCatalogue;
import cn.township.village.review.ReviewService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An agreement in mediation earns civility points for the parties' and the team members' households (once
 * per event, rule and household) and marks the case's villagers' review as converted. Takes a whole poll at
 * once so the awards of many events are posted together; a poison record in the batch is handed to the
 * error handler (dead-letter topic) after the records before it are done.
 */
@Component
class MediationEventsListener {

    /**
     * Records per poll. A backlog is then posted in rounds of up to this many events, so that each household's
     * account is written (and its outbox emptied by the relay) once for several awards; with no backlog a poll
     * returns what there is.
     */
    static final String MAX_POLL_RECORDS = "max.poll.records=${township.village.batch-records:2000}";

    private final AutoAwards awards;
    private final ReviewService reviews;

    MediationEventsListener(AutoAwards awards, ReviewService reviews) {
        this.awards = awards;
        this.reviews = reviews;
    }

    @KafkaListener(topics = Topics.MEDIATION_SESSIONS, groupId = "${township.village.group-id:village}",
            containerFactory = MessagingAutoConfiguration.BATCH_LISTENER_FACTORY, properties = MAX_POLL_RECORDS)
    void on(List<ConsumerRecord<String, InboundEvent>> records) {
        int poison = -1;
        for (int i = 0; i < records.size() && poison < 0; i++) {
            if (records.get(i).value() == null) {
                poison = i;
            }
        }
        List<ConsumerRecord<String, InboundEvent>> good = poison < 0 ? records : records.subList(0, poison);
        List<AutoAwards.Source> sources = new ArrayList<>();
        List<String> convertedCases = new ArrayList<>();
        for (ConsumerRecord<String, InboundEvent> record : good) {
            InboundEvent event = record.value();
            if (event.payload() instanceof AgreementReached agreement) {
                String reason = "agreement reached in mediation " + agreement.fileId();
                sources.add(new AutoAwards.Source(event.id(), agreement.village(), agreement.at(), List.of(
                        new AutoAwards.Beneficiaries(PointsCatalogue.MEDIATION_PARTY, agreement.parties().stream()
                                .map(Party::household).filter(Objects::nonNull).toList(), reason),
                        new AutoAwards.Beneficiaries(PointsCatalogue.MEDIATION_TEAM, agreement.team().stream()
                                .map(Participant::household).filter(Objects::nonNull).toList(), reason))));
                if (agreement.caseId() != null) {
                    convertedCases.add(agreement.caseId());
                }
            }
        }
        try (var scope = TraceContext.open(good.isEmpty() ? null : good.getLast().value().traceparent())) {
            awards.award(sources);
            reviews.agreementsReached(convertedCases);
        }
        if (poison >= 0) {
            throw new BatchListenerFailedException("record cannot be read as a CloudEvent", records.get(poison));
        }
    }
}
