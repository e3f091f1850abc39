package cn.township.mediation.scheduling;

import cn.township.mediation.roster.TimeRange;
import cn.township.mediation.roster.WeeklyHours;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlotFinderTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** A Monday. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final WeeklyHours OFFICE = WeeklyHours.of(WeeklyHours.WEEKDAYS, TimeRange.of("09:00", "12:00"),
            TimeRange.of("14:00", "17:30"));
    private static final ResourceCalendar ROOM = new ResourceCalendar("hall", null, List.of());

    private static Instant at(LocalDate day, String time) {
        return LocalDateTime.of(day, java.time.LocalTime.parse(time)).atZone(ZONE).toInstant();
    }

    private static SlotFinder.Query query(Instant from, int days, int minutes, int options) {
        return new SlotFinder.Query(from, from.plus(Duration.ofDays(days)), Duration.ofMinutes(minutes),
                Duration.ofMinutes(15), ZONE, options);
    }

    @Test
    void earliestOptionsAreInsideEveryonesWorkingHoursAndDoNotOverlap() {
        var adviser = new ResourceCalendar("adviser", WeeklyHours.of(List.of(DayOfWeek.TUESDAY, DayOfWeek.THURSDAY),
                TimeRange.of("09:00", "12:00")), List.of());
        var elder = new ResourceCalendar("elder", OFFICE, List.of());

        var options = SlotFinder.find(query(at(MONDAY, "08:00"), 14, 90, 3), List.of(adviser, elder), List.of(ROOM));

        assertThat(options).extracting(SlotFinder.Option::start).containsExactly(
                at(MONDAY.plusDays(1), "09:00"), at(MONDAY.plusDays(1), "10:30"), at(MONDAY.plusDays(3), "09:00"));
        assertThat(options).allSatisfy(o -> assertThat(o.end()).isEqualTo(o.start().plus(Duration.ofMinutes(90))));
    }

    @Test
    void existingBookingsAndLeaveAreAvoided() {
        var adviser = new ResourceCalendar("adviser", OFFICE,
                List.of(new Interval(at(MONDAY, "09:00"), at(MONDAY, "10:00"))));
        var elder = new ResourceCalendar("elder", OFFICE,
                List.of(new Interval(at(MONDAY, "10:10"), at(MONDAY, "10:20")),
                        new Interval(at(MONDAY, "14:00"), at(MONDAY.plusDays(1), "00:00"))));

        var options = SlotFinder.find(query(at(MONDAY, "08:00"), 5, 60, 2), List.of(adviser, elder), List.of(ROOM));

        // 10:10–10:20 blocks the whole quarter 10:00–10:30; 14:00 onwards Monday is leave
        assertThat(options).extracting(SlotFinder.Option::start)
                .containsExactly(at(MONDAY, "10:30"), at(MONDAY.plusDays(1), "09:00"));
    }

    @Test
    void aRoomMustBeFreeTooAndTheFirstFreeRoomIsOffered() {
        var elder = new ResourceCalendar("elder", OFFICE, List.of());
        var busyHall = new ResourceCalendar("hall", null, List.of(new Interval(at(MONDAY, "09:00"), at(MONDAY, "12:00"))));
        var smallRoom = new ResourceCalendar("small", WeeklyHours.of(WeeklyHours.WEEKDAYS, TimeRange.of("10:00", "11:00")),
                List.of());

        var options = SlotFinder.find(query(at(MONDAY, "08:00"), 2, 60, 2), List.of(elder), List.of(busyHall, smallRoom));

        assertThat(options).containsExactly(
                new SlotFinder.Option(at(MONDAY, "10:00"), at(MONDAY, "11:00"), "small"),
                new SlotFinder.Option(at(MONDAY, "14:00"), at(MONDAY, "15:00"), "hall"));
    }

    @Test
    void theSearchStartsOnTheGridAfterItsFromAndEndsWithinTheHorizon() {
        var elder = new ResourceCalendar("elder", OFFICE, List.of());

        var options = SlotFinder.find(query(at(MONDAY, "09:07"), 1, 60, 1), List.of(elder), List.of(ROOM));
        assertThat(options).extracting(SlotFinder.Option::start).containsExactly(at(MONDAY, "09:15"));

        var tooShort = new SlotFinder.Query(at(MONDAY, "16:45"), at(MONDAY, "17:30"), Duration.ofMinutes(60),
                Duration.ofMinutes(15), ZONE, 3);
        assertThat(SlotFinder.find(tooShort, List.of(elder), List.of(ROOM))).isEmpty();
    }

    @Test
    void nobodyInCommonMeansNoOption() {
        var weekdays = new ResourceCalendar("a", WeeklyHours.of(List.of(DayOfWeek.MONDAY), TimeRange.of("09:00", "12:00")), List.of());
        var weekend = new ResourceCalendar("b", WeeklyHours.of(List.of(DayOfWeek.SUNDAY), TimeRange.of("09:00", "12:00")), List.of());

        assertThat(SlotFinder.find(query(at(MONDAY, "00:00"), 30, 60, 5), List.of(weekdays, weekend), List.of(ROOM)))
                .isEmpty();
        assertThat(SlotFinder.find(query(at(MONDAY, "00:00"), 30, 60, 5), List.of(weekdays), List.of())).isEmpty();
    }
}
