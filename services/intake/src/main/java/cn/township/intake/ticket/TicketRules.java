package cn.township.intake.ticket;

import cn.township.contracts.intake.IntakeEvent;
import cn.township.contracts.intake.SatisfactionReported;
import cn.township.contracts.intake.TicketSupplemented;
import cn.township.contracts.intake.TicketUrged;
import cn.township.contracts.intake.TicketWithdrawn;

/** What a follow-up does to a ticket: the new status and the event it causes, or a rejection. */
public final class TicketRules {

    private TicketRules() {
    }

    public record Decision(TicketStatus status, IntakeEvent event) {
    }

    public static Decision apply(String ticketId, TicketStatus status, FollowUp followUp) {
        if (status == TicketStatus.WITHDRAWN) {
            throw new FollowUpRejected("ticket " + ticketId + " was withdrawn; no further follow-ups are accepted");
        }
        return switch (followUp) {
            case FollowUp.Urge u -> new Decision(status, new TicketUrged(ticketId, u.messageId(), u.note(), u.at()));
            case FollowUp.Supplement s -> {
                if (status == TicketStatus.CLOSED) {
                    throw new FollowUpRejected("ticket " + ticketId + " is closed; a supplement needs a new ticket");
                }
                yield new Decision(status, new TicketSupplemented(ticketId, s.messageId(), s.content(),
                        s.attachments(), s.at()));
            }
            case FollowUp.Withdrawal w -> {
                if (status == TicketStatus.CLOSED || status == TicketStatus.RESOLVED) {
                    throw new FollowUpRejected("ticket " + ticketId + " is already " + status.name().toLowerCase()
                            + "; it can no longer be withdrawn");
                }
                yield new Decision(TicketStatus.WITHDRAWN, new TicketWithdrawn(ticketId, w.messageId(), w.reason(), w.at()));
            }
            case FollowUp.SatisfactionCallback c -> new Decision(status,
                    new SatisfactionReported(ticketId, c.messageId(), c.rating(), c.comment(), c.at()));
        };
    }
}
