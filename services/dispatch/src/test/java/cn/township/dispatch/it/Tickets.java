package cn.township.dispatch.it;

import cn.township.contracts.intake.Complainant;
import cn.township.contracts.intake.TicketKind;
import cn.township.contracts.intake.TicketReceived;
import cn.township.contracts.intake.TicketSource;
import cn.township.contracts.intake.Urgency;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Test tickets as intake publishes them, for the demo realm's units: department {@code construction} leads,
 * village {@code nancha} carries them out.
 */
public final class Tickets {

    public static final String NAME = "Zhang San";
    public static final String PHONE_MASKED = "138****0000";

    private Tickets() {
    }

    public static String newId() {
        return "T" + UUID.randomUUID().toString().substring(0, 12);
    }

    public static TicketReceived water(String ticketId, Instant receivedAt) {
        return ticket(ticketId, "water supply", "construction", "nancha", Urgency.NORMAL, receivedAt, List.of());
    }

    public static TicketReceived general(String ticketId, Instant receivedAt) {
        return ticket(ticketId, "neighbour dispute", "construction", "nancha", Urgency.NORMAL, receivedAt, List.of());
    }

    /** A confidential complaint (保密): its complainant must not reach agencies or village roles. */
    public static TicketReceived confidential(String ticketId, Instant receivedAt) {
        return ticket(ticketId, "neighbour dispute", "construction", "nancha", Urgency.NORMAL, receivedAt, List.of(),
                true);
    }

    public static TicketReceived ticket(String ticketId, String category, String department, String village,
                                        Urgency urgency, Instant receivedAt, List<String> linked) {
        return ticket(ticketId, category, department, village, urgency, receivedAt, linked, false);
    }

    static TicketReceived ticket(String ticketId, String category, String department, String village,
                                 Urgency urgency, Instant receivedAt, List<String> linked, boolean confidential) {
        return new TicketReceived(ticketId, "NO-" + ticketId, TicketSource.HOTLINE_12345, receivedAt, null,
                TicketKind.COMPLAINT, category, department, null, "complaint about " + category, "Nancha East St. 3",
                null, village, null, false, new Complainant(NAME, PHONE_MASKED, "k1"), confidential, urgency, null,
                List.of(), linked, null);
    }
}
