package cn.township.dispatch.persistence;

import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * This instance's view of when each case's next timer falls: the cases' {@code nextTimerAt} held in memory,
 * so that finding what is due reads cases by {@code _id} instead of scanning the collection (a MongoDB-wire
 * server without secondary indexes answers a range query with a full scan, and the scheduler polls four
 * times a second).
 *
 * <p>The documents stay the truth. The index is a hint: an entry may be early or stale (the caller re-reads
 * the case and puts it back at its stored time), and it is filled from this instance's own writes and from a
 * rescan at start and every few minutes of the timers due within the next rescans' window, which picks up cases
 * another instance wrote.
 * About 100 bytes per open case.
 */
final class TimerIndex {

    private record Entry(Instant at, String caseId) implements Comparable<Entry> {
        @Override
        public int compareTo(Entry o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : caseId.compareTo(o.caseId);
        }
    }

    private final Map<String, Instant> byCase = new HashMap<>();
    private final TreeSet<Entry> byTime = new TreeSet<>();

    /** The case's timer is now exactly {@code at} (null: no timer pending). */
    synchronized void set(String caseId, @Nullable Instant at) {
        Instant old = at == null ? byCase.remove(caseId) : byCase.put(caseId, at);
        if (old != null) {
            byTime.remove(new Entry(old, caseId));
        }
        if (at != null) {
            byTime.add(new Entry(at, caseId));
        }
    }

    /**
     * A timer seen by a scan, which may be older than this instance's own writes: only ever moves it earlier.
     *
     * @return whether that was news to the index (a case it did not hold, or an earlier time)
     */
    synchronized boolean offer(String caseId, Instant at) {
        Instant old = byCase.get(caseId);
        if (old == null || at.isBefore(old)) {
            set(caseId, at);
            return true;
        }
        return false;
    }

    /** Removes and returns up to {@code limit} cases whose timer is at or before {@code now}, earliest first. */
    synchronized List<String> takeDue(Instant now, int limit) {
        List<String> due = new ArrayList<>();
        while (due.size() < limit && !byTime.isEmpty() && !byTime.first().at().isAfter(now)) {
            Entry e = byTime.pollFirst();
            byCase.remove(e.caseId());
            due.add(e.caseId());
        }
        return due;
    }

    synchronized int size() {
        return byCase.size();
    }
}
