package cn.township.mediation.support;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;

/** Township wall-clock times for tests. */
public final class Times {

    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private Times() {
    }

    /** The given weekday at least {@code weeksAhead} weeks after the instant's local date. */
    public static LocalDate weekday(Instant after, int weeksAhead, DayOfWeek day) {
        return after.atZone(ZONE).toLocalDate().plusWeeks(weeksAhead).with(TemporalAdjusters.next(day));
    }

    public static Instant at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(ZONE).toInstant();
    }
}
