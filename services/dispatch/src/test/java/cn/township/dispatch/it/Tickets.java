package cn.township.dispatch.it;

import cn.township.contracts.intake.Complainant;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Test tickets as intake publishes them. */
public final class Tickets {

    private Tickets() {
    }

    public static String newId() {
        return "T" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static TicketReceived water(String ticketId, Instant receivedAt) {
        return ticket(ticketId, "water supply", "water-affairs", "dongshan", Urgency.NORMAL, receivedAt, List.of());
    }

    public static TicketReceived general(String ticketId, Instant receivedAt) {
        return ticket(ticketId, "neighbour dispute", "comprehensive-affairs", "dongshan", Urgency.NORMAL, receivedAt,
                List.of());
    }

    public static TicketReceived ticket(String ticketId, String category, String department, String village,
                                        Urgency urgency, Instant receivedAt, List<String> linked) {
        return new TicketReceived(ticketId, "NO-" + ticketId, TicketSource.HOTLINE_12345, receivedAt, null,
                TicketKind.COMPLAINT, category, department, null, "complaint about " + category, "Dongshan No. 3",
                null, village, null, false, new Complainant("Zhang San", "138****0000", "k1"), false, urgency, null,
                List.of(), linked, null);
    }
}
