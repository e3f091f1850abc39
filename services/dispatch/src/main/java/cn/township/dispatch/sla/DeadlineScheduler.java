package cn.township.dispatch.sla;

import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.casework.CaseWork;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.dispatch.persistence.StoredCase;
import cn.township.dispatch.supervision.DigestIssuer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Fires due deadlines. The timers are durable: each case document holds its next due time
 * ({@code nextTimerAt}) and which warnings and breaches have fired; the repository's timer index (filled from
 * this instance's writes and a rescan at start and every {@code rescan-interval}, up to {@code max-rescan-interval}
 * while rescans find nothing new) says which cases to read. A rescan reads the timers due within twice
 * {@code max-rescan-interval}; the next one comes before that window runs out (at once when the clock jumps).
 * A due case is claimed by the write itself: the fired markers, the new state and the events go in ONE update conditional on the version
 * read, so with several instances exactly one fires each timer, and a timer missed while no instance ran
 * fires at the next poll. The same loop issues the daily supervision digest when its time comes.
 */
@Component
public class DeadlineScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);

    private final CaseRepository cases;
    private final CaseWork work;
    private final Clock clock;
    private final DispatchProperties.Timers settings;
    private final DigestIssuer digests;
    private volatile boolean running;
    private volatile Thread worker;
    private long lastRescan;
    /** Every timer due before this was read by the last rescan (or written by this instance). */
    private volatile Instant coveredUntil = Instant.MIN;
    /** Time to the next rescan: doubles while rescans learn nothing new, back to the base when one does. */
    private volatile Duration rescanInterval;

    DeadlineScheduler(CaseRepository cases, CaseWork work, Clock clock, DispatchProperties properties,
                      DigestIssuer digests) {
        this.digests = digests;
        this.cases = cases;
        this.work = work;
        this.clock = clock;
        this.settings = properties.timers();
        this.rescanInterval = settings.rescanInterval();
    }

    /** One round: fires everything due now; returns how many cases changed. */
    public int fireDue() {
        int fired = 0;
        CaseRepository.Due due;
        do {
            Instant now = clock.instant();
            due = cases.due(now, settings.batchSize());
            int round = 0;
            for (StoredCase stored : due.cases()) {
                if (work.tryApply(stored, (c, at) -> c.fireDue(at))) {
                    round++;
                } else {
                    cases.lookAgain(stored.value().id(), now); // changed under us: still due? next poll decides
                }
            }
            fired += round;
            if (round == 0) {
                break; // everything due was taken by another instance, or changed under us: next poll
            }
        } while (due.taken() == settings.batchSize() && running);
        return fired;
    }

    /**
     * Reads the pending timers due before the next rescans (at start, every rescan interval, and when the clock
     * has moved near the end of the window the last one read).
     *
     * @return how many cases have a timer in the window
     */
    public int rescan() {
        Instant now = clock.instant();
        Instant until = now.plus(window());
        CaseRepository.Rescan found = cases.rescanTimers(until);
        coveredUntil = until;
        lastRescan = System.nanoTime();
        Duration doubled = rescanInterval.multipliedBy(2);
        rescanInterval = found.learned() > 0 ? settings.rescanInterval()
                : doubled.compareTo(settings.maxRescanInterval()) < 0 ? doubled : settings.maxRescanInterval();
        return found.pending();
    }

    /** How far ahead a rescan reads: twice the longest interval between rescans. */
    private Duration window() {
        return settings.maxRescanInterval().multipliedBy(2);
    }

    private boolean rescanDue() {
        return System.nanoTime() - lastRescan >= rescanInterval.toNanos()
                || clock.instant().plus(settings.maxRescanInterval()).isAfter(coveredUntil);
    }

    @Override
    public synchronized void start() {
        if (running || !settings.enabled()) {
            return;
        }
        running = true;
        worker = Thread.ofPlatform().name("deadline-scheduler").daemon().start(this::run);
    }

    private void run() {
        boolean scanned = false;
        while (running) {
            try {
                if (!scanned || rescanDue()) {
                    int pending = rescan();
                    if (!scanned) {
                        log.info("deadline scheduler: {} cases with a pending timer", pending);
                    }
                    scanned = true;
                }
                fireDue();
                digests.issueIfDue();
            } catch (RuntimeException e) {
                log.warn("deadline scheduler: {} (will retry)", e.toString());
            }
            try {
                Thread.sleep(settings.pollInterval());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread t = worker;
        if (t != null) {
            t.interrupt();
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        worker = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
