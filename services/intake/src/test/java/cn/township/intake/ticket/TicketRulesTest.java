package cn.township.intake.ticket;

import cn.township.contracts.intake.Satisfaction;
import cn.township.contracts.intake.TicketUrged;
import cn.township.contracts.intake.TicketWithdrawn;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TicketRulesTest {

    private static final Instant AT = Instant.parse("2026-05-02T01:00:00Z");

    @Test
    void anUrgeKeepsTheStatusAndCausesTicketUrged() {
        var d = TicketRules.apply("T1", TicketStatus.IN_PROGRESS, new FollowUp.Urge("M1", "快点", AT));
        assertThat(d.status()).isEqualTo(TicketStatus.IN_PROGRESS);
        assertThat(d.event()).isEqualTo(new TicketUrged("T1", "M1", "快点", AT));
    }

    @Test
    void aWithdrawalEndsTheTicketUnlessItIsAlreadyDone() {
        var d = TicketRules.apply("T1", TicketStatus.RECEIVED, new FollowUp.Withdrawal("M2", "不需要了", AT));
        assertThat(d.status()).isEqualTo(TicketStatus.WITHDRAWN);
        assertThat(d.event()).isInstanceOf(TicketWithdrawn.class);
        assertThatThrownBy(() -> TicketRules.apply("T1", TicketStatus.RESOLVED, new FollowUp.Withdrawal("M3", null, AT)))
                .isInstanceOf(FollowUpRejected.class);
    }

    @Test
    void nothingIsAcceptedAfterAWithdrawal() {
        assertThatThrownBy(() -> TicketRules.apply("T1", TicketStatus.WITHDRAWN,
                new FollowUp.SatisfactionCallback("M4", Satisfaction.SATISFIED, null, AT)))
                .isInstanceOf(FollowUpRejected.class).hasMessageContaining("withdrawn");
        assertThatThrownBy(() -> TicketRules.apply("T1", TicketStatus.CLOSED,
                new FollowUp.Supplement("M5", "more", List.of(), AT))).isInstanceOf(FollowUpRejected.class);
    }
}
