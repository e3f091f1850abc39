package cn.township.messaging.time;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ShiftedClockTest {

    @TempDir
    Path dir;

    @Test
    void followsTheOffsetInItsFileAndRunsOnRealTimeWithoutOne() throws Exception {
        Path file = dir.resolve("clock-offset");
        ShiftedClock clock = new ShiftedClock(file);
        assertThat(Duration.between(Instant.now(), clock.instant()).abs()).isLessThan(Duration.ofSeconds(1));

        Files.writeString(file, "PT25H\n");
        await().atMost(Duration.ofSeconds(2)).until(() -> clock.offset().equals(Duration.ofHours(25)));
        assertThat(Duration.between(Instant.now(), clock.instant())).isBetween(Duration.ofHours(25).minusSeconds(1),
                Duration.ofHours(25).plusSeconds(1));

        Files.writeString(file, "not a duration");
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.now().plusSeconds(5)));
        await().pollDelay(Duration.ofMillis(250)).atMost(Duration.ofSeconds(2))
                .until(() -> clock.offset().equals(Duration.ofHours(25))); // unreadable: the last offset stays

        Files.delete(file);
        await().atMost(Duration.ofSeconds(2)).until(() -> clock.offset().isZero());
    }
}
