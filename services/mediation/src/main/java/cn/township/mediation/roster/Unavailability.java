package cn.township.mediation.roster;

import java.time.Instant;

/** A dated exception to someone's weekly hours: leave, another duty. */
public record Unavailability(Instant from, Instant to, String reason) {

    public Unavailability {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("an exception must end after it starts");
        }
    }

    public boolean overlaps(Instant start, Instant end) {
        return start.isBefore(to) && end.isAfter(from);
    }
}
