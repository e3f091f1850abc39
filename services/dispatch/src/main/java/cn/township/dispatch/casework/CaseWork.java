package cn.township.dispatch.casework;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseAccess;
import cn.township.dispatch.caserecord.CaseAction;
import cn.township.dispatch.caserecord.CaseChange;
import cn.township.dispatch.caserecord.IllegalTransition;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.dispatch.persistence.StoredCase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;

/**
 * Runs one decision on one case: load it, check who may act, let the aggregate decide, store the result and
 * its events in one conditional write. Officers get a conflict when someone changed the case first; inputs
 * from other services and timers re-read and decide again.
 */
@Service
public class CaseWork {

    private static final Logger log = LoggerFactory.getLogger(CaseWork.class);
    private static final int ATTEMPTS = 8;

    private final CaseRepository cases;
    private final Clock clock;

    CaseWork(CaseRepository cases, Clock clock) {
        this.cases = cases;
        this.clock = clock;
    }

    /**
     * A case the officer may see: 403 when the officer's role reads no case at all, 404 when the case is
     * missing or outside the officer's department, agency or village (the two look the same).
     */
    public StoredCase view(String id, Officer officer) {
        if (!CaseAccess.mayRead(officer)) {
            throw new NotPermitted(officer.name() + " has no role that reads cases (one of "
                    + String.join(", ", new TreeSet<>(CaseAccess.READERS)) + ")");
        }
        StoredCase stored = cases.find(id).orElseThrow(() -> new CaseNotFound(id));
        if (!CaseAccess.canView(stored.value(), officer)) {
            throw new CaseNotFound(id);
        }
        return stored;
    }

    /**
     * An officer acts. {@code expectedVersion} (from If-Match) must match when given; in any case the write
     * succeeds only if nobody changed the case since it was read.
     */
    public StoredCase act(String id, Officer officer, CaseAction action, @Nullable Long expectedVersion,
                          BiFunction<Case, Instant, CaseChange> decision) {
        if (!CaseAccess.mayEver(officer, action)) {
            throw new NotPermitted(officer.name() + "'s roles " + officer.roles() + " may not " + action + " any case");
        }
        StoredCase stored = view(id, officer);
        if (!CaseAccess.canDo(stored.value(), officer, action)) {
            throw new NotPermitted(action, officer.name());
        }
        if (expectedVersion != null && expectedVersion != stored.version()) {
            throw new VersionConflict(id, expectedVersion, stored.version());
        }
        CaseChange change = decision.apply(stored.value(), clock.instant());
        if (!change.changed()) {
            return stored;
        }
        if (!cases.update(change, stored.version())) {
            throw new VersionConflict(id, stored.version(),
                    cases.find(id).map(StoredCase::version).orElse(stored.version()));
        }
        return new StoredCase(change.after(), stored.version() + 1);
    }

    /**
     * Applies an input from another service or a timer: retried on a version conflict; an input the case's
     * state does not accept is logged and dropped (it cannot become acceptable by retrying).
     *
     * @return the change applied, if any
     */
    public Optional<CaseChange> apply(String id, BiFunction<Case, Instant, CaseChange> decision) {
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<StoredCase> found = cases.find(id);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            StoredCase stored = found.get();
            CaseChange change;
            try {
                change = decision.apply(stored.value(), clock.instant());
            } catch (IllegalTransition e) {
                log.info("case {}: input ignored: {}", id, e.getMessage());
                return Optional.empty();
            }
            if (!change.changed()) {
                return Optional.empty();
            }
            if (cases.update(change, stored.version())) {
                return Optional.of(change);
            }
        }
        throw new IllegalStateException("case " + id + " kept changing under " + ATTEMPTS + " attempts");
    }

    /** Like {@link #apply} but a single attempt: false when another writer got there first. */
    public boolean tryApply(StoredCase stored, BiFunction<Case, Instant, CaseChange> decision) {
        CaseChange change = decision.apply(stored.value(), clock.instant());
        return !change.changed() || cases.update(change, stored.version());
    }

    /** Opens a case; false when it exists already (a replayed ticket). */
    public boolean open(CaseChange opening) {
        return cases.insert(opening);
    }

    public Clock clock() {
        return clock;
    }
}
