package cn.township.messaging.time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * The system clock moved forward by an offset kept in a file: the local platform's test clock, so that an
 * end-to-end test can let deadlines pass (an SLA breach, a mediation session's start) without waiting days.
 * The file holds an ISO-8601 duration ({@code PT25H}); no file means no offset. It is looked at again at most
 * every 100 ms, so every service of the platform follows a change within that. Only the local launcher
 * ({@code ./platform}) turns it on ({@code township.clock.offset-file}); tokens are always checked against
 * the real time.
 */
public final class ShiftedClock extends Clock {

    private static final long RECHECK_NANOS = 100_000_000L;

    private final Path file;
    private volatile Duration offset = Duration.ZERO;
    private volatile FileTime seen;
    private volatile long checkedAt = System.nanoTime() - RECHECK_NANOS;

    public ShiftedClock(Path file) {
        this.file = file;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset());
    }

    /** The offset now in force. */
    public Duration offset() {
        long now = System.nanoTime();
        if (now - checkedAt >= RECHECK_NANOS) {
            checkedAt = now;
            reload();
        }
        return offset;
    }

    private void reload() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            if (!modified.equals(seen)) {
                String text = Files.readString(file, StandardCharsets.UTF_8).strip();
                offset = text.isEmpty() ? Duration.ZERO : Duration.parse(text);
                seen = modified;
            }
        } catch (NoSuchFileException e) {
            offset = Duration.ZERO;
            seen = null;
        } catch (IOException | DateTimeParseException e) {
            // a half-written or unreadable file: keep the last offset and look again next time
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        if (ZoneOffset.UTC.equals(zone)) {
            return this;
        }
        throw new UnsupportedOperationException("the shifted clock runs in UTC");
    }
}
