package cn.township.contracts.dispatch;

import cn.township.contracts.DomainEvent;

/** Events dispatch publishes on {@code dispatch.cases.v1}; subject and key are the case id. */
public sealed interface DispatchEvent extends DomainEvent
        permits AgencyReportedIn, CaseAccepted, CaseClosed, CaseEscalatedUp, CaseHandedDown, CaseOpened, CaseReopened, CaseResolved, CaseReturned, CaseSignedOff, ComplainantContacted, ReportInOverdue, SlaBreached, SlaWarning, SupervisionDigestIssued, WhistleBlown {

    String caseId();

    @Override
    default String subject() {
        return caseId();
    }
}
