package cn.township.intake.lifecycle;

import cn.township.contracts.dispatch.CaseAccepted;
import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.intake.ticket.TicketStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CaseProgressTest {

    private static final Instant AT = Instant.parse("2026-05-03T02:00:00Z");

    @Test
    void aResolvedCaseResolvesItsTicketsAndOwesTheCityAResult() {
        CaseProgress p = CaseProgress.of(new CaseResolved("C1", List.of("T1", "T2"), "已修复", null, "liu", AT)).orElseThrow();
        assertThat(p.ticketIds()).containsExactly("T1", "T2");
        assertThat(p.next(TicketStatus.IN_PROGRESS)).isEqualTo(TicketStatus.RESOLVED);
        assertThat(p.feedback()).isEqualTo(new CaseProgress.FeedbackResult("RESOLVED", "已修复"));
    }

    @Test
    void anEscalationIsReportedToTheCityToo() {
        CaseProgress p = CaseProgress.of(new CaseEscalatedUp("C1", List.of("T1"), "区级审批", "sec", AT)).orElseThrow();
        assertThat(p.next(TicketStatus.IN_PROGRESS)).isEqualTo(TicketStatus.ESCALATED);
        assertThat(p.feedback().result()).isEqualTo("ESCALATED_UP");
    }

    @Test
    void aSignOffNamesTheAgencyAndDeadlineWithoutChangingTheStatus() {
        Instant due = AT.plusSeconds(86_400 * 7);
        CaseProgress p = CaseProgress.of(new CaseSignedOff("C1", "construction", "nancha", "副乡长", "书记", due, due, AT))
                .orElseThrow();
        assertThat(p.ticketIds()).isNull();
        assertThat(p.agency()).isEqualTo("construction");
        assertThat(p.expectedAt()).isEqualTo(due);
        assertThat(p.next(TicketStatus.IN_PROGRESS)).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(p.feedback()).isNull();
    }

    @Test
    void aWithdrawnTicketStaysWithdrawnAndOtherEventsAreIgnored() {
        CaseProgress p = CaseProgress.of(new CaseResolved("C1", List.of("T1"), "x", null, "liu", AT)).orElseThrow();
        assertThat(p.next(TicketStatus.WITHDRAWN)).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(CaseProgress.of(new CaseAccepted("C1", "construction", "liu", AT))).isEmpty();
    }
}
