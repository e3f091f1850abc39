package cn.township.intake.receiving;

/** The same source reference was submitted earlier with different content: HTTP 409. */
public class DuplicateSubmission extends RuntimeException {

    private final String ticketId;

    public DuplicateSubmission(String message, String ticketId) {
        super(message);
        this.ticketId = ticketId;
    }

    public String ticketId() {
        return ticketId;
    }
}
