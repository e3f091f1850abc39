package cn.township.mediation.roster;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Working hours per weekday in local (township) time; a day without ranges is a day off. */
public record WeeklyHours(Map<DayOfWeek, List<TimeRange>> days) {

    public WeeklyHours {
        EnumMap<DayOfWeek, List<TimeRange>> copy = new EnumMap<>(DayOfWeek.class);
        days.forEach((day, ranges) -> copy.put(day, List.copyOf(ranges)));
        days = java.util.Collections.unmodifiableMap(copy);
    }

    public List<TimeRange> on(DayOfWeek day) {
        return days.getOrDefault(day, List.of());
    }

    /** True when [start, end) lies within one working range of one day (sessions never span midnight). */
    public boolean covers(Instant start, Instant end, ZoneId zone) {
        ZonedDateTime s = start.atZone(zone);
        ZonedDateTime e = end.atZone(zone);
        if (!e.toLocalDate().equals(s.toLocalDate())) {
            return false;
        }
        return on(s.getDayOfWeek()).stream().anyMatch(r -> r.contains(s.toLocalTime(), e.toLocalTime()));
    }

    /** Builder-style helper: the same ranges on each of the given days. */
    public static WeeklyHours of(List<DayOfWeek> days, TimeRange... ranges) {
        EnumMap<DayOfWeek, List<TimeRange>> map = new EnumMap<>(DayOfWeek.class);
        days.forEach(d -> map.put(d, List.of(ranges)));
        return new WeeklyHours(map);
    }

    public static final List<DayOfWeek> WEEKDAYS = List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);
    public static final List<DayOfWeek> EVERY_DAY = List.of(DayOfWeek.values());
}
