package cn.township.dispatch.caserecord;

import cn.township.contracts.dispatch.AgencyReportedIn;
import cn.township.contracts.dispatch.CaseAccepted;
import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseReopened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseReturned;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.contracts.dispatch.ComplainantContacted;
import cn.township.contracts.dispatch.DispatchEvent;
import cn.township.contracts.dispatch.ReportInOverdue;
import cn.township.contracts.dispatch.SlaBreached;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.contracts.dispatch.SupervisionDigestIssued;
import cn.township.contracts.dispatch.WhistleBlown;

/** Turns each event a case caused into a line of its timeline. */
final class Timeline {

    private Timeline() {
    }

    static TimelineEntry entry(DispatchEvent event, String by) {
        return switch (event) {
            case CaseOpened e -> new TimelineEntry(e.at(), by, "OPENED",
                    "ticket " + e.ticketIds() + ", " + e.category() + ", proposed " + e.proposedLeadDepartment());
            case CaseSignedOff e -> new TimelineEntry(e.at(), e.signedOffBy(), "SIGNED_OFF",
                    "lead " + e.leadDepartment() + ", village " + e.responsibleVillage() + ", supervised by "
                            + e.supervisingLeader());
            case CaseAccepted e -> new TimelineEntry(e.at(), e.by(), "ACCEPTED", e.department());
            case CaseReturned e -> new TimelineEntry(e.at(), e.by(), "RETURNED", e.reason());
            case ComplainantContacted e -> new TimelineEntry(e.at(), e.by(), "CONTACTED",
                    e.note() == null ? "" : e.note());
            case WhistleBlown e -> new TimelineEntry(e.at(), e.by(), "WHISTLE_BLOWN",
                    e.agencies() + " by " + e.reportInDueAt() + ": " + e.reason());
            case AgencyReportedIn e -> new TimelineEntry(e.at(), e.by(), "REPORTED_IN", e.agency());
            case ReportInOverdue e -> new TimelineEntry(e.at(), by, "REPORT_IN_OVERDUE",
                    e.agency() + " missed " + e.dueAt());
            case CaseHandedDown e -> new TimelineEntry(e.at(), e.by(), "HANDED_DOWN",
                    e.village() + ": " + e.reason() + " / " + e.plan());
            case CaseEscalatedUp e -> new TimelineEntry(e.at(), e.by(), "ESCALATED_UP", e.reason());
            case SlaWarning e -> new TimelineEntry(e.at(), by, "SLA_WARNING",
                    e.deadline() + " " + Math.round(e.fraction() * 100) + "% of time used, due " + e.dueAt());
            case SlaBreached e -> new TimelineEntry(e.at(), by, "SLA_BREACHED",
                    e.deadline() + " due " + e.dueAt() + ", escalated to " + e.escalatedTo());
            case CaseResolved e -> new TimelineEntry(e.at(), e.by(), "RESOLVED", e.resolution());
            case CaseClosed e -> new TimelineEntry(e.at(), by, "CLOSED",
                    e.outcome() + (e.satisfaction() == null ? "" : ", " + e.satisfaction()));
            case CaseReopened e -> new TimelineEntry(e.at(), by, "REOPENED", e.reason());
            case SupervisionDigestIssued e -> new TimelineEntry(e.at(), by, "DIGEST_ISSUED", e.digestId());
        };
    }
}
