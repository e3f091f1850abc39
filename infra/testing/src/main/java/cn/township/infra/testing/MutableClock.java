package cn.township.infra.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock a test moves by hand, so hours of deadlines or a session's start pass in milliseconds. Either
 * frozen at a start instant ({@link #MutableClock(Instant)}) or following real time ({@link #ticking()});
 * in both, {@link #advance} and {@link #set} shift it.
 */
public final class MutableClock extends Clock {

    private final boolean ticking;
    private final Instant start;
    private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

    public MutableClock(Instant start) {
        this(false, start);
    }

    private MutableClock(boolean ticking, Instant start) {
        this.ticking = ticking;
        this.start = start;
    }

    /** A clock that runs with real time until a test moves it. */
    public static MutableClock ticking() {
        return new MutableClock(true, null);
    }

    public void advance(Duration by) {
        offset.updateAndGet(o -> o.plus(by));
    }

    /** Puts the clock this far from its base (real time, or the start instant). */
    public void setOffset(Duration fromBase) {
        offset.set(fromBase);
    }

    public void set(Instant to) {
        offset.set(Duration.between(base(), to));
    }

    private Instant base() {
        return ticking ? Instant.now() : start;
    }

    @Override
    public Instant instant() {
        return base().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
