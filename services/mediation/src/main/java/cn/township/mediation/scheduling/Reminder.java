package cn.township.mediation.scheduling;

import java.time.Duration;
import java.time.Instant;

/** A reminder of a session, due {@code before} its start; it fires once (SENT) or is SKIPPED if too late. */
public record Reminder(Duration before, Instant dueAt, State state) {

    public enum State { PENDING, SENT, SKIPPED }

    public static final java.util.List<Duration> STANDARD = java.util.List.of(Duration.ofHours(24), Duration.ofHours(1));

    Reminder with(State next) {
        return new Reminder(before, dueAt, next);
    }
}
