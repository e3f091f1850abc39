package cn.township.contracts.mediation;

import cn.township.contracts.EventType;
import cn.township.contracts.Topics;

import java.util.List;

/** The catalogue of {@link MediationEvent} types: ce_type names and the topic. */
public final class MediationEvents {

    public static final String TOPIC = Topics.MEDIATION_SESSIONS;

    public static final List<EventType<?>> TYPES = List.of(
            EventType.of("mediation.mediation.AgreementReached.v1", AgreementReached.class, TOPIC),
            EventType.of("mediation.mediation.MediationFailed.v1", MediationFailed.class, TOPIC),
            EventType.of("mediation.mediation.MediationOpened.v1", MediationOpened.class, TOPIC),
            EventType.of("mediation.mediation.SessionCancelled.v1", SessionCancelled.class, TOPIC),
            EventType.of("mediation.mediation.SessionHeld.v1", SessionHeld.class, TOPIC),
            EventType.of("mediation.mediation.SessionReminderDue.v1", SessionReminderDue.class, TOPIC),
            EventType.of("mediation.mediation.SessionRescheduled.v1", SessionRescheduled.class, TOPIC),
            EventType.of("mediation.mediation.SessionScheduled.v1", SessionScheduled.class, TOPIC));

    private MediationEvents() {
    }
}
