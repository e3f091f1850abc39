package cn.township.dispatch.persistence;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TimerIndexTest {

    static final Instant T0 = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void takesWhatIsDueEarliestFirstAndOnlyOnce() {
        TimerIndex index = new TimerIndex();
        index.set("C-b", T0.plusSeconds(20));
        index.set("C-a", T0.plusSeconds(10));
        index.set("C-c", T0.plusSeconds(99));

        assertThat(index.takeDue(T0.plusSeconds(5), 10)).isEmpty();
        assertThat(index.takeDue(T0.plusSeconds(20), 10)).containsExactly("C-a", "C-b");
        assertThat(index.takeDue(T0.plusSeconds(20), 10)).isEmpty();
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void ownWriteMovesATimerEitherWayAndNullRemovesIt() {
        TimerIndex index = new TimerIndex();
        index.set("C-a", T0.plusSeconds(10));
        index.set("C-a", T0.plusSeconds(50));
        assertThat(index.takeDue(T0.plusSeconds(30), 10)).isEmpty();
        index.set("C-a", null);
        assertThat(index.takeDue(T0.plusSeconds(60), 10)).isEmpty();
        assertThat(index.size()).isZero();
    }

    @Test
    void aScanOnlyEverBringsATimerForward() {
        TimerIndex index = new TimerIndex();
        index.set("C-a", T0.plusSeconds(10));
        assertThat(index.offer("C-a", T0.plusSeconds(50))).as("stale read of an older version: ignored").isFalse();
        assertThat(index.offer("C-a", T0.plusSeconds(10))).as("what it holds already: no news").isFalse();
        assertThat(index.offer("C-new", T0.plusSeconds(99))).as("a case it did not hold: news").isTrue();
        assertThat(index.takeDue(T0.plusSeconds(10), 10)).containsExactly("C-a");
        index.set("C-b", T0.plusSeconds(50));
        assertThat(index.offer("C-b", T0.plusSeconds(5))).as("another instance moved it earlier").isTrue();
        assertThat(index.takeDue(T0.plusSeconds(5), 10)).containsExactly("C-b");
    }

    @Test
    void takesNoMoreThanTheLimit() {
        TimerIndex index = new TimerIndex();
        for (int i = 0; i < 5; i++) {
            index.set("C-" + i, T0.plusSeconds(i));
        }
        assertThat(index.takeDue(T0.plusSeconds(10), 3)).containsExactly("C-0", "C-1", "C-2");
        assertThat(index.takeDue(T0.plusSeconds(10), 3)).containsExactly("C-3", "C-4");
    }
}
