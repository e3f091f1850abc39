package cn.township.village.inbound;

import cn.township.contracts.Topics;
import cn.township.contracts.village.DeliberationDecided;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.trace.TraceContext;
import cn.township.village.council.CouncilService;
import cn.township.village.council.ElderCouncil;
import cn.township.village.deliberation.DeliberationService;
import cn.township.village.points.AutoAwards;
import cn.township.village.points.PointsCatalogue;
import cn.township.village.project.ProjectService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Objects;

/**
 * Follow-ups of this service's own decisions, taken from its published events so that each is a separate
 * single-document write that cannot be lost: elders who served on a concluded council earn points; an
 * adopted deliberation with a project draft creates the project.
 */
@Component
class OwnEventsListener {

    private final CouncilService councils;
    private final DeliberationService deliberations;
    private final ProjectService projects;
    private final AutoAwards awards;

    OwnEventsListener(CouncilService councils, DeliberationService deliberations, ProjectService projects,
                      AutoAwards awards) {
        this.councils = councils;
        this.deliberations = deliberations;
        this.projects = projects;
        this.awards = awards;
    }

    /**
     * Takes a whole poll: nearly all records are this service's points postings, skipped unread. A record that
     * fails is handed to the error handler (retries, then the dead-letter topic) after the ones before it are done.
     */
    @KafkaListener(topics = Topics.VILLAGE_AFFAIRS, groupId = "${township.village.group-id:village}",
            containerFactory = OwnEventsFactory.FACTORY)
    void on(List<ConsumerRecord<String, InboundEvent>> records) {
        for (ConsumerRecord<String, InboundEvent> record : records) {
            InboundEvent event = record.value();
            if (event == null) {
                throw new BatchListenerFailedException("record cannot be read as a CloudEvent", record);
            }
            if (event.known()) {
                try {
                    on(event);
                } catch (RuntimeException e) {
                    throw new BatchListenerFailedException("follow-up of " + event.type() + " failed", e, record);
                }
            }
        }
    }

    private void on(InboundEvent event) {
        try (var scope = TraceContext.open(event.traceparent())) {
            switch (event.payload()) {
                case ElderReviewConcluded concluded -> {
                    ElderCouncil council = councils.find(concluded.reviewId());
                    if (council != null) {
                        awards.award(event.id(), council.village(), concluded.at(), List.of(
                                new AutoAwards.Beneficiaries(PointsCatalogue.ELDER_COUNCIL, council.opinions().stream()
                                        .map(ElderCouncil.Opinion::household).filter(Objects::nonNull).toList(),
                                        "served on the elders' council for case " + concluded.caseId())));
                    }
                }
                case DeliberationDecided decided when decided.projectId() != null ->
                        projects.createFrom(deliberations.find(decided.deliberationId()));
                case null, default -> {
                }
            }
        }
    }
}
