package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseAction;
import cn.township.dispatch.caserecord.CaseState;
import cn.township.dispatch.caserecord.HandDown;
import cn.township.dispatch.caserecord.Officer;
import cn.township.dispatch.caserecord.Routing;
import cn.township.dispatch.caserecord.Summons;
import cn.township.contracts.dispatch.CaseOutcome;
import cn.township.security.Caller;
import cn.township.security.Pii;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A case as an officer sees it. The complainant follows {@link Pii}: a confidential ticket's name and phone
 * only for the secretary, dispatchers and departments (never agencies, village roles or assessors). The phone
 * is always the masked one: dispatch never holds the full number (intake keeps it).
 */
record CaseView(String id, long version, CaseState state, Set<CaseAction> allowedActions, List<String> ticketIds,
                String source, String kind, String category, String urgency, int priority, boolean confidential,
                String content, @Nullable String address, @Nullable String village,
                @Nullable String complainantName, @Nullable String complainantPhoneMasked, Routing proposal,
                @Nullable Routing routing, Clocks deadlines, List<Summons> summons, List<String> coHandlers,
                @Nullable HandDown handDown, @Nullable String escalatedTo, @Nullable String escalatedUpReason,
                @Nullable String resolution, @Nullable Instant resolvedAt, @Nullable Boolean converted,
                @Nullable CaseOutcome outcome, @Nullable String satisfaction, int urges, int returns, int reopens,
                Instant openedAt) {

    record Clocks(String rule, Instant firstContactDueAt, Instant resolutionDueAt, boolean contacted,
                  long remainingSeconds, boolean overdue, boolean breached) {
    }

    static CaseView of(Case c, long version, Officer officer, Instant now) {
        Caller caller = Officers.caller(officer);
        boolean confidential = c.facts().confidential();
        var d = c.deadlines();
        var clocks = new Clocks(d.rule(), d.firstContactDueAt(), d.resolutionDueAt(), d.contacted(),
                Duration.between(now, d.resolutionDueAt()).toSeconds(), c.overdue(now), c.breached());
        return new CaseView(c.id(), version, c.state(), new TreeSet<>(c.state().allowed()), c.ticketIds(),
                c.facts().source(), c.facts().kind(), c.facts().category(), c.facts().urgency(), c.priority(),
                c.facts().confidential(), c.facts().content(), c.facts().address(), c.village(),
                Pii.complainantName(caller, c.facts().complainantName(), confidential),
                confidential && !Pii.mayReadConfidentialComplainant(caller) ? null : c.facts().complainantPhoneMasked(),
                c.proposal(), c.routing(), clocks,
                c.summons(), c.coHandlers(), c.handDown(), c.escalatedTo(), c.escalatedUpReason(), c.resolution(),
                c.resolvedAt(), c.converted(), c.outcome(), c.satisfaction(), c.urges(), c.returns(), c.reopens(),
                c.openedAt());
    }
}
