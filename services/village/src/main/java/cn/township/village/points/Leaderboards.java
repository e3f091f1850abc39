package cn.township.village.points;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The village leaderboards as in-memory snapshots (top 200 per village). The first read of a village loads
 * it; later reads get the snapshot at once and, when it is older than {@link #MAX_AGE_NANOS}, trigger one
 * background refresh. A leaderboard may so lag the ledger by about a second; balances are always read
 * fresh from the account.
 */
@Component
public class Leaderboards implements DisposableBean {

    static final int SIZE = 200;
    private static final long MAX_AGE_NANOS = 1_000_000_000L;

    private final PointsQueries queries;
    private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(
            Thread.ofVirtual().name("leaderboard-refresh").factory());

    Leaderboards(PointsQueries queries) {
        this.queries = queries;
    }

    private record Snapshot(List<PointsQueries.Rank> ranks, long takenAt, AtomicBoolean refreshing) {
    }

    public List<PointsQueries.Rank> top(String village, int limit) {
        Snapshot s = snapshots.computeIfAbsent(village, this::take);
        if (System.nanoTime() - s.takenAt() > MAX_AGE_NANOS && s.refreshing().compareAndSet(false, true)) {
            refresher.execute(() -> {
                try {
                    snapshots.put(village, take(village));
                } finally {
                    s.refreshing().set(false);
                }
            });
        }
        return s.ranks().subList(0, Math.min(limit, s.ranks().size()));
    }

    private Snapshot take(String village) {
        return new Snapshot(List.copyOf(queries.leaderboard(village, SIZE)), System.nanoTime(), new AtomicBoolean());
    }

    @Override
    public void destroy() {
        refresher.shutdownNow();
    }
}
