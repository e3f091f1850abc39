package cn.township.intake.receiving;

/** No such ticket, or not one the caller may see (existence must not leak): HTTP 404. */
public class TicketNotFound extends RuntimeException {
    public TicketNotFound(String ticketId) {
        super("no ticket " + ticketId);
    }
}
