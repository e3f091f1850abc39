package cn.township.contracts.dispatch;

import cn.township.contracts.EventType;
import cn.township.contracts.Topics;

import java.util.List;

/** The catalogue of {@link DispatchEvent} types: ce_type names and the topic. */
public final class DispatchEvents {

    public static final String TOPIC = Topics.DISPATCH_CASES;

    public static final List<EventType<?>> TYPES = List.of(
            EventType.of("case.dispatch.AgencyReportedIn.v1", AgencyReportedIn.class, TOPIC),
            EventType.of("case.dispatch.CaseAccepted.v1", CaseAccepted.class, TOPIC),
            EventType.of("case.dispatch.CaseClosed.v1", CaseClosed.class, TOPIC),
            EventType.of("case.dispatch.CaseEscalatedUp.v1", CaseEscalatedUp.class, TOPIC),
            EventType.of("case.dispatch.CaseHandedDown.v1", CaseHandedDown.class, TOPIC),
            EventType.of("case.dispatch.CaseOpened.v1", CaseOpened.class, TOPIC),
            EventType.of("case.dispatch.CaseReopened.v1", CaseReopened.class, TOPIC),
            EventType.of("case.dispatch.CaseResolved.v1", CaseResolved.class, TOPIC),
            EventType.of("case.dispatch.CaseReturned.v1", CaseReturned.class, TOPIC),
            EventType.of("case.dispatch.CaseSignedOff.v1", CaseSignedOff.class, TOPIC),
            EventType.of("case.dispatch.ComplainantContacted.v1", ComplainantContacted.class, TOPIC),
            EventType.of("case.dispatch.ReportInOverdue.v1", ReportInOverdue.class, TOPIC),
            EventType.of("case.dispatch.SlaBreached.v1", SlaBreached.class, TOPIC),
            EventType.of("case.dispatch.SlaWarning.v1", SlaWarning.class, TOPIC),
            EventType.of("case.dispatch.SupervisionDigestIssued.v1", SupervisionDigestIssued.class, TOPIC),
            EventType.of("case.dispatch.WhistleBlown.v1", WhistleBlown.class, TOPIC));

    private DispatchEvents() {
    }
}
