package cn.township.mediation.scheduling;

import java.time.Instant;

/** A half-open span of time [start, end). */
public record Interval(Instant start, Instant end) {

    public Interval {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval must end after it starts");
        }
    }

    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && end.isAfter(other.start);
    }
}
