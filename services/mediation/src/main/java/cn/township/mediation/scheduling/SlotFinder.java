package cn.township.mediation.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds the earliest times within a horizon when every participant and one of the rooms are free. Pure and
 * allocation-light: the horizon is cut into steps (15 minutes by default); each calendar becomes a bit set of
 * free steps (working hours minus busy spans, a step counting as busy if anything overlaps it); the
 * participants' sets are intersected, and a start is a slot when the next {@code duration} steps are free for
 * everyone and for some room. Options do not overlap one another: each starts at or after the previous one's
 * end, so the mediator gets real alternatives.
 */
public final class SlotFinder {

    private SlotFinder() {
    }

    /** The question: the horizon [from, to), the session length, the grid step and the local zone. */
    public record Query(Instant from, Instant to, Duration duration, Duration step, ZoneId zone, int options) {
        public Query {
            if (!to.isAfter(from)) {
                throw new IllegalArgumentException("the horizon must end after it starts");
            }
            if (step.isZero() || step.isNegative() || duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("step and duration must be positive");
            }
            if (options < 1) {
                throw new IllegalArgumentException("ask for at least one option");
            }
        }
    }

    /** One answer: a start, an end and a free room. */
    public record Option(Instant start, Instant end, String room) {
    }

    public static List<Option> find(Query query, List<ResourceCalendar> participants, List<ResourceCalendar> rooms) {
        long stepSeconds = query.step().toSeconds();
        long origin = ceilTo(query.from().getEpochSecond(), stepSeconds);
        int units = (int) ((query.to().getEpochSecond() - origin) / stepSeconds);
        int needed = (int) ((query.duration().toSeconds() + stepSeconds - 1) / stepSeconds);
        List<Option> found = new ArrayList<>();
        if (units < needed || rooms.isEmpty()) {
            return found;
        }
        BitSet common = new BitSet(units);
        common.set(0, units);
        for (ResourceCalendar person : participants) {
            common.and(free(person, query, origin, units));
            if (common.isEmpty()) {
                return found;
            }
        }
        int[] commonRun = runs(common, units);
        List<int[]> roomRuns = new ArrayList<>(rooms.size());
        for (ResourceCalendar room : rooms) {
            BitSet roomFree = free(room, query, origin, units);
            roomFree.and(common);
            roomRuns.add(runs(roomFree, units));
        }
        int i = common.nextSetBit(0);
        while (i >= 0 && i + needed <= units && found.size() < query.options()) {
            if (commonRun[i] >= needed) {
                for (int r = 0; r < rooms.size(); r++) {
                    if (roomRuns.get(r)[i] >= needed) {
                        Instant start = Instant.ofEpochSecond(origin + (long) i * stepSeconds);
                        found.add(new Option(start, start.plus(query.duration()), rooms.get(r).key()));
                        i += needed - 1;
                        break;
                    }
                }
            }
            i = common.nextSetBit(i + 1);
        }
        return found;
    }

    /** Steps in which the calendar is open and not busy. */
    static BitSet free(ResourceCalendar calendar, Query query, long origin, int units) {
        long step = query.step().toSeconds();
        long end = origin + units * step;
        BitSet free = new BitSet(units);
        if (calendar.hours() == null) {
            free.set(0, units);
        } else {
            ZoneId zone = query.zone();
            LocalDate day = Instant.ofEpochSecond(origin).atZone(zone).toLocalDate();
            LocalDate last = Instant.ofEpochSecond(end).atZone(zone).toLocalDate();
            for (; !day.isAfter(last); day = day.plusDays(1)) {
                for (var range : calendar.hours().on(day.getDayOfWeek())) {
                    long s = ZonedDateTime.of(day, range.from(), zone).toEpochSecond();
                    long e = ZonedDateTime.of(day, range.to(), zone).toEpochSecond();
                    int a = (int) Math.max(0, ceilDiv(s - origin, step));
                    int b = (int) Math.min(units, Math.floorDiv(e - origin, step));
                    if (a < b) {
                        free.set(a, b);
                    }
                }
            }
        }
        for (Interval busy : calendar.busy()) {
            long s = busy.start().getEpochSecond();
            long e = busy.end().getEpochSecond();
            if (e <= origin || s >= end) {
                continue;
            }
            int a = (int) Math.max(0, Math.floorDiv(s - origin, step));
            int b = (int) Math.min(units, ceilDiv(e - origin, step));
            if (a < b) {
                free.clear(a, b);
            }
        }
        return free;
    }

    /** run[i] = how many consecutive free steps start at i. */
    private static int[] runs(BitSet free, int units) {
        int[] run = new int[units + 1];
        for (int i = units - 1; i >= 0; i--) {
            run[i] = free.get(i) ? run[i + 1] + 1 : 0;
        }
        return run;
    }

    private static long ceilTo(long value, long step) {
        return ceilDiv(value, step) * step;
    }

    private static long ceilDiv(long a, long b) {
        return -Math.floorDiv(-a, b);
    }
}
