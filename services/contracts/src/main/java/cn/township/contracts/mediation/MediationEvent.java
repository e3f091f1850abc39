package cn.township.contracts.mediation;

import cn.township.contracts.DomainEvent;
import org.jspecify.annotations.Nullable;

/**
 * Events mediation publishes on {@code mediation.sessions.v1}. Subject and key are the case id when the
 * file came from a case (so they stay in order with the case's events), else the mediation file id.
 */
public sealed interface MediationEvent extends DomainEvent
        permits AgreementReached, MediationFailed, MediationOpened, SessionCancelled, SessionHeld, SessionReminderDue, SessionRescheduled, SessionScheduled {

    String fileId();

    @Nullable String caseId();

    @Override
    default String subject() {
        return caseId() != null ? caseId() : fileId();
    }
}
