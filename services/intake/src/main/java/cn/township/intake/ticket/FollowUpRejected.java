package cn.township.intake.ticket;

/** A follow-up the ticket's state does not allow (e.g. urging a withdrawn ticket): HTTP 409. */
public class FollowUpRejected extends RuntimeException {
    public FollowUpRejected(String message) {
        super(message);
    }
}
