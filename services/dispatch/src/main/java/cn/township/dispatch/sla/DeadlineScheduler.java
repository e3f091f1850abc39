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
import java.util.List;

/**
 * Fires due deadlines. The timers are durable: each case document holds its next due time
 * ({@code nextTimerAt}, indexed) and which warnings and breaches have fired. A due case is claimed by the
 * write itself: the fired markers, the new state and the events go in ONE update conditional on the version
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

    DeadlineScheduler(CaseRepository cases, CaseWork work, Clock clock, DispatchProperties properties,
                      DigestIssuer digests) {
        this.digests = digests;
        this.cases = cases;
        this.work = work;
        this.clock = clock;
        this.settings = properties.timers();
    }

    /** One round: fires everything due now; returns how many cases changed. */
    public int fireDue() {
        int fired = 0;
        List<StoredCase> due;
        do {
            due = cases.due(clock.instant(), settings.batchSize());
            int round = 0;
            for (StoredCase stored : due) {
                if (work.tryApply(stored, (c, now) -> c.fireDue(now))) {
                    round++;
                }
            }
            fired += round;
            if (round == 0) {
                break; // everything due was taken by another instance, or changed under us: next poll
            }
        } while (due.size() == settings.batchSize() && running);
        return fired;
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
        while (running) {
            try {
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
