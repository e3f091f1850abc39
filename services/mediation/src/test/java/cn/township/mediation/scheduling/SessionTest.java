package cn.township.mediation.scheduling;

import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.SessionReminderDue;
import cn.township.contracts.mediation.SessionRescheduled;
import cn.township.mediation.errors.Conflict;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SessionTest {

    private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant START = NOW.plus(Duration.ofDays(3));

    private static Session booked(Instant start) {
        return Session.schedule("s-1", "mf-1", "case-1", "nancha", 1, new Interval(start, start.plus(Duration.ofHours(1))),
                "nancha-committee", List.of(new Participant("elder-nancha-1", "王德福", List.of("ELDER"), null)),
                List.of(), List.of(), "mediator", NOW).state();
    }

    @Test
    void remindersFireOnceEach24HoursAndOneHourBefore() {
        Session s = booked(START);
        assertThat(s.nextReminderAt()).isEqualTo(START.minus(Duration.ofHours(24)));

        assertThat(s.remind(START.minus(Duration.ofHours(25))).events()).isEmpty();

        var first = s.remind(START.minus(Duration.ofHours(23)));
        assertThat(first.events()).singleElement().isInstanceOfSatisfying(SessionReminderDue.class, e -> {
            assertThat(e.before()).isEqualTo(Duration.ofHours(24));
            assertThat(e.memberIds()).containsExactly("elder-nancha-1");
        });
        Session afterFirst = first.state();
        assertThat(afterFirst.remind(START.minus(Duration.ofHours(23))).events()).isEmpty();
        assertThat(afterFirst.nextReminderAt()).isEqualTo(START.minus(Duration.ofHours(1)));

        var second = afterFirst.remind(START.minus(Duration.ofMinutes(30)));
        assertThat(second.events()).singleElement().isInstanceOfSatisfying(SessionReminderDue.class,
                e -> assertThat(e.before()).isEqualTo(Duration.ofHours(1)));
        assertThat(second.state().nextReminderAt()).isNull();
    }

    @Test
    void aReminderThatIsAlreadyLateWhenBookedIsSkippedNotSent() {
        Session soon = booked(NOW.plus(Duration.ofHours(3)));
        assertThat(soon.reminders()).extracting(Reminder::state)
                .containsExactly(Reminder.State.SKIPPED, Reminder.State.PENDING);
    }

    @Test
    void reschedulingMovesRemindersAndCancelledSessionsTakeNoChange() {
        Session s = booked(START);
        var moved = s.reschedule(new Interval(START.plus(Duration.ofDays(1)), START.plus(Duration.ofDays(1)).plus(Duration.ofHours(1))),
                "nancha-mediation", "elder ill", NOW);
        assertThat(moved.events()).singleElement().isInstanceOf(SessionRescheduled.class);
        assertThat(moved.state().sequence()).isEqualTo(1);
        assertThat(moved.state().nextReminderAt()).isEqualTo(START.plus(Duration.ofDays(1)).minus(Duration.ofHours(24)));

        Session cancelled = moved.state().cancel("parties settled privately", NOW).state();
        assertThat(cancelled.status()).isEqualTo(SessionStatus.CANCELLED);
        assertThat(cancelled.nextReminderAt()).isNull();
        assertThatThrownBy(() -> cancelled.cancel("again", NOW)).isInstanceOf(Conflict.class);
    }
}
