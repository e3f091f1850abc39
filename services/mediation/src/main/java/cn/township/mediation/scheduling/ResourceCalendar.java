package cn.township.mediation.scheduling;

import cn.township.mediation.roster.WeeklyHours;
import org.jspecify.annotations.Nullable;

import java.util.List;

/**
 * What the slot finder needs to know about one person or room: when they are open for sessions at all
 * ({@code hours}; null means any time) and the spans they are not free (exceptions, existing bookings).
 */
public record ResourceCalendar(String key, @Nullable WeeklyHours hours, List<Interval> busy) {
}
