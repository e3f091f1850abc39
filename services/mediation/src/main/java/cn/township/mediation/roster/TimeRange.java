package cn.township.mediation.roster;

import java.time.LocalTime;

/** A span of wall-clock time within one day, e.g. 09:00–12:00. */
public record TimeRange(LocalTime from, LocalTime to) {

    public TimeRange {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("a time range must end after it starts: " + from + "–" + to);
        }
    }

    public static TimeRange of(String from, String to) {
        return new TimeRange(LocalTime.parse(from), LocalTime.parse(to));
    }

    public boolean contains(LocalTime start, LocalTime end) {
        return !start.isBefore(from) && !end.isAfter(to);
    }

    @Override
    public String toString() {
        return from + "-" + to;
    }
}
