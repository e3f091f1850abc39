package cn.township.infra.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * For a benchmark's latency window: when the slow operations were sent, grouped into bursts (sent within 100 ms of
 * each other). A few bursts mean something stalled now and then (a collection, a lock, a compilation) and their
 * wall-clock times (UTC) can be matched with another process's GC log ({@code -Xlog:gc:file=…:time}); many single
 * slow operations mean the machine is short of CPU. Thread-safe.
 */
public final class SlowBursts {

    private static final long BURST_GAP_NANOS = 100_000_000L;

    private final Duration slow;
    private final long originNanos = System.nanoTime();
    private final Instant originWall = Instant.now();
    private final ConcurrentLinkedQueue<long[]> seen = new ConcurrentLinkedQueue<>();

    public SlowBursts(Duration slow) {
        this.slow = slow;
    }

    /** An operation sent at {@code sentNanos} ({@link System#nanoTime()}) took {@code latencyNanos}. */
    public void record(long sentNanos, long latencyNanos) {
        if (latencyNanos > slow.toNanos()) {
            seen.add(new long[] {sentNanos - originNanos, latencyNanos});
        }
    }

    /** One line: how many were slow and the first 20 bursts, "12.3s (03:41:07.120): 31 up to 180 ms". */
    public String describe(String what) {
        List<long[]> sent = new ArrayList<>(seen);
        sent.sort(Comparator.comparingLong(s -> s[0]));
        List<String> bursts = new ArrayList<>();
        int i = 0;
        while (i < sent.size()) {
            int j = i;
            long worst = sent.get(i)[1];
            while (j + 1 < sent.size() && sent.get(j + 1)[0] - sent.get(j)[0] < BURST_GAP_NANOS) {
                worst = Math.max(worst, sent.get(++j)[1]);
            }
            LocalTime wall = LocalTime.ofInstant(originWall.plusNanos(sent.get(i)[0]), ZoneOffset.UTC)
                    .truncatedTo(ChronoUnit.MILLIS);
            bursts.add(String.format("%.1fs (%s): %d up to %.0f ms", sent.get(i)[0] / 1e9, wall, j - i + 1, worst / 1e6));
            i = j + 1;
        }
        return String.format("%d %s over %d ms, in %d bursts%s", sent.size(), what, slow.toMillis(), bursts.size(),
                bursts.isEmpty() ? "" : ": " + String.join("; ", bursts.subList(0, Math.min(20, bursts.size())))
                        + (bursts.size() > 20 ? "; ..." : ""));
    }
}
