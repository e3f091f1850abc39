package cn.township.dispatch.caserecord;

import cn.township.contracts.dispatch.AgencyReportedIn;
import cn.township.contracts.dispatch.CaseAccepted;
import cn.township.contracts.dispatch.CaseClosed;
import cn.township.contracts.dispatch.CaseEscalatedUp;
import cn.township.contracts.dispatch.CaseHandedDown;
import cn.township.contracts.dispatch.CaseOpened;
import cn.township.contracts.dispatch.CaseOutcome;
import cn.township.contracts.dispatch.CaseReopened;
import cn.township.contracts.dispatch.CaseResolved;
import cn.township.contracts.dispatch.CaseReturned;
import cn.township.contracts.dispatch.CaseSignedOff;
import cn.township.contracts.dispatch.ComplainantContacted;
import cn.township.contracts.dispatch.DeadlineKind;
import cn.township.contracts.dispatch.DispatchEvent;
import cn.township.contracts.dispatch.ReportInOverdue;
import cn.township.contracts.dispatch.SlaBreached;
import cn.township.contracts.dispatch.SlaWarning;
import cn.township.contracts.dispatch.WhistleBlown;
import cn.township.contracts.intake.Satisfaction;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * The case aggregate (案件): an immutable value. Every transition checks its rule against the current state
 * and returns a {@link CaseChange} with the new value and the events it caused; an action the state does not
 * allow throws {@link IllegalTransition}. Inputs from other services carry a key remembered in
 * {@code applied}, so a replayed input changes nothing.
 */
public record Case(String id, List<String> ticketIds, CaseFacts facts, CaseState state, Routing proposal,
                   @Nullable Routing routing, Deadlines deadlines, Instant openedAt, int priority, int urges,
                   int returns, int reopens, List<Summons> summons, @Nullable HandDown handDown,
                   @Nullable String escalatedTo, @Nullable String escalatedUpReason, @Nullable String resolution,
                   @Nullable Instant resolvedAt, @Nullable Boolean converted, @Nullable CaseOutcome outcome,
                   @Nullable String satisfaction, List<String> applied, List<TimelineEntry> timeline) {

    private static final int REMEMBERED_INPUTS = 512;

    public Case {
        ticketIds = List.copyOf(ticketIds);
        summons = List.copyOf(summons);
        applied = List.copyOf(applied);
        timeline = List.copyOf(timeline);
    }

    /** The case id for a ticket: derived, so a replayed TicketReceived finds the case it opened. */
    public static String idFor(String ticketId) {
        return "C-" + ticketId;
    }

    public static int basePriority(String urgency) {
        return switch (urgency) {
            case "EMERGENCY" -> 2;
            case "URGENT" -> 1;
            default -> 0;
        };
    }

    // ---- opening

    public static CaseChange open(String ticketId, CaseFacts facts, Routing proposal, Instant receivedAt,
                                  DeadlineTerms terms, Instant now) {
        Instant start = receivedAt.isAfter(now) ? now : receivedAt;
        String id = idFor(ticketId);
        Case blank = new Case(id, List.of(ticketId), facts, CaseState.AWAITING_SIGN_OFF, proposal, null,
                Deadlines.start(start, terms), now, basePriority(facts.urgency()), 0, 0, 0, List.of(), null, null,
                null, null, null, null, null, null, List.of(), List.of());
        return blank.change(Officer.SYSTEM_NAME, now, d -> { }, new CaseOpened(id, List.of(ticketId), facts.source(),
                facts.category(), facts.village(), proposal.leadDepartment(), facts.urgency(), facts.confidential(),
                now));
    }

    /** Another ticket about the same matter joins this case (降量). */
    public CaseChange merge(String ticketId, Instant now) {
        if (ticketIds.contains(ticketId)) {
            return unchanged();
        }
        require(CaseAction.MERGE);
        return change(Officer.SYSTEM_NAME, now, d -> d.ticketIds.add(ticketId), "MERGED", "ticket " + ticketId);
    }

    // ---- sign-off and the lead department

    public CaseChange signOff(Officer by, @Nullable String department, @Nullable String village,
                              @Nullable String leader, Instant now) {
        require(CaseAction.SIGN_OFF);
        Routing chosen = proposal.override(blankToNull(department), blankToNull(village), blankToNull(leader));
        if (chosen.leadDepartment() == null) {
            throw new InvalidCommand("leadDepartment", "a lead department is required: the proposal names none");
        }
        if (chosen.supervisingLeader() == null) {
            throw new InvalidCommand("supervisingLeader", "a supervising leader is required: the proposal names none");
        }
        return change(by.name(), now, d -> {
            d.state = CaseState.DISPATCHED;
            d.routing = chosen;
        }, new CaseSignedOff(id, chosen.leadDepartment(), chosen.responsibleVillage(), chosen.supervisingLeader(),
                by.name(), deadlines.resolutionDueAt(), deadlines.firstContactDueAt(), now));
    }

    public CaseChange accept(Officer by, Instant now) {
        require(CaseAction.ACCEPT);
        return change(by.name(), now, d -> d.state = CaseState.ACCEPTED,
                new CaseAccepted(id, leadDepartment(), by.name(), now));
    }

    public CaseChange returnToSignOff(Officer by, String reason, Instant now) {
        require(CaseAction.RETURN);
        String why = required("reason", reason);
        String department = leadDepartment();
        return change(by.name(), now, d -> {
            d.state = CaseState.AWAITING_SIGN_OFF;
            d.proposal = routing != null ? routing : proposal;
            d.routing = null;
            d.returns++;
        }, new CaseReturned(id, department, why, by.name(), now));
    }

    public CaseChange contact(Officer by, @Nullable String note, Instant now) {
        require(CaseAction.CONTACT);
        return change(by.name(), now, d -> {
            d.state = CaseState.IN_PROGRESS;
            d.deadlines = deadlines.markContacted();
        }, new ComplainantContacted(id, by.name(), blankToNull(note), now));
    }

    public CaseChange note(Officer by, String text, Instant now) {
        require(CaseAction.NOTE);
        return change(by.name(), now, d -> { }, "NOTE", required("note", text));
    }

    // ---- whistle (吹哨) and report-in (报到)

    public CaseChange whistle(Officer by, List<String> agencies, String reason, @Nullable Instant reportInDueAt,
                              Instant now) {
        require(CaseAction.WHISTLE);
        String why = required("reason", reason);
        if (reportInDueAt == null) {
            throw new InvalidCommand("reportInDueAt", "reportInDueAt is required");
        }
        if (!reportInDueAt.isAfter(now)) {
            throw new InvalidCommand("reportInDueAt", "the report-in deadline must be in the future");
        }
        var fresh = new LinkedHashSet<String>();
        for (String agency : agencies == null ? List.<String>of() : agencies) {
            String a = blankToNull(agency);
            if (a != null && summons.stream().noneMatch(s -> s.agency().equals(a) && !s.overdue())) {
                fresh.add(a);
            }
        }
        if (fresh.isEmpty()) {
            throw new InvalidCommand("agencies", "name at least one agency not already summoned");
        }
        List<String> summoned = List.copyOf(fresh);
        return change(by.name(), now, d -> summoned.forEach(a -> d.summons.add(
                        new Summons(a, why, by.name(), now, reportInDueAt, null, false))),
                new WhistleBlown(id, summoned, why, reportInDueAt, by.name(), now));
    }

    public CaseChange reportIn(Officer by, String agency, Instant now) {
        require(CaseAction.REPORT_IN);
        Summons pending = summons.stream().filter(s -> s.agency().equals(agency) && !s.reportedIn())
                .reduce((a, b) -> b).orElse(null);
        if (pending == null) {
            throw new InvalidCommand("agency", agency + " has no summons to report in to");
        }
        return change(by.name(), now, d -> d.replace(pending, pending.reportIn(now)),
                new AgencyReportedIn(id, agency, by.name(), now));
    }

    /** Agencies that reported in: they see and act on the case beside the lead (条块协同). */
    public List<String> coHandlers() {
        return summons.stream().filter(Summons::reportedIn).map(Summons::agency).distinct().toList();
    }

    // ---- hand-down (下交) and escalate-up (上交)

    public CaseChange handDown(Officer by, String reason, List<String> plan, Instant now) {
        require(CaseAction.HAND_DOWN);
        String why = required("reason", reason);
        List<String> steps = plan == null ? List.of() : plan.stream().map(Case::blankToNull)
                .filter(s -> s != null).toList();
        if (steps.size() != 3) {
            throw new InvalidCommand("plan", "the plan has three steps: remind, home-visit mediation, hand-down");
        }
        String village = routing != null && routing.responsibleVillage() != null ? routing.responsibleVillage()
                : facts.village();
        if (village == null) {
            throw new InvalidCommand("village", "the case has no village to hand it down to");
        }
        HandDown handed = new HandDown(village, why, steps, by.name(), now, null, null, null, null);
        return change(by.name(), now, d -> {
            d.state = CaseState.HANDED_DOWN;
            d.handDown = handed;
        }, new CaseHandedDown(id, ticketIds, village, facts.category(), why, handed.planText(),
                facts.confidential() ? null : facts.complainantName(),
                facts.confidential() ? null : facts.complainantPhoneMasked(), facts.confidential(), by.name(), now));
    }

    public CaseChange recordElderReview(String reviewId, String decision, Instant now) {
        return recordHandDownOutcome("elders:" + reviewId, now, h -> h.withElderDecision(decision),
                "ELDERS_CONCLUDED", "elders' council: " + decision);
    }

    public CaseChange recordVillagersReview(String reviewId, boolean converted, double rating, Instant now) {
        return recordHandDownOutcome("villagers:" + reviewId, now, h -> h.withVillagersReview(converted, rating),
                "VILLAGERS_CONCLUDED", "villagers' review: rating " + rating + (converted ? ", converted" : ""));
    }

    public CaseChange recordMediation(String fileId, boolean agreement, String detail, Instant now) {
        return recordHandDownOutcome("mediation:" + fileId, now,
                h -> h.withMediation(agreement ? HandDown.AGREEMENT : HandDown.FAILED),
                agreement ? "AGREEMENT_REACHED" : "MEDIATION_FAILED", detail);
    }

    private CaseChange recordHandDownOutcome(String key, Instant now, java.util.function.UnaryOperator<HandDown> how,
                                             String action, String detail) {
        if (applied.contains(key) || handDown == null) {
            return unchanged();
        }
        HandDown after = how.apply(handDown);
        boolean conclude = state == CaseState.HANDED_DOWN && after.concluded();
        List<DispatchEvent> events = conclude
                ? List.of(new CaseResolved(id, ticketIds, "hand-down concluded: elders " + after.elderDecision()
                + ", mediation " + after.mediation(), after.converted(), Officer.SYSTEM_NAME, now))
                : List.of();
        Case recorded = change(Officer.SYSTEM_NAME, now, d -> {
            d.handDown = after;
            d.remember(key);
            if (conclude) {
                d.state = CaseState.RESOLVED;
                d.resolvedAt = now;
                d.converted = after.converted();
                d.resolution = "hand-down concluded";
            }
        }, action, detail).after();
        return recorded.emit(this, Officer.SYSTEM_NAME, now, events);
    }

    public CaseChange escalateUp(Officer by, String reason, Instant now) {
        require(CaseAction.ESCALATE_UP);
        String why = required("reason", reason);
        return change(by.name(), now, d -> {
            d.state = CaseState.ESCALATED_UP;
            d.escalatedUpReason = why;
        }, new CaseEscalatedUp(id, ticketIds, why, by.name(), now));
    }

    // ---- resolution, satisfaction, urges, withdrawal

    public CaseChange resolve(Officer by, String resolutionText, @Nullable Boolean convertedNow, Instant now) {
        require(CaseAction.RESOLVE);
        String text = required("resolution", resolutionText);
        Boolean conv = convertedNow != null ? convertedNow : handDown != null ? handDown.converted() : null;
        CaseResolved resolved = new CaseResolved(id, ticketIds, text, conv, by.name(), now);
        // nobody will call back (a grid worker's own report, an Open311 request): resolving closes the case
        CaseOutcome closedAs = awaitsCallBack() ? null : closingOutcome();
        return change(by.name(), now, d -> {
            d.state = closedAs == null ? CaseState.RESOLVED : CaseState.CLOSED;
            d.resolution = text;
            d.resolvedAt = now;
            d.converted = conv;
            if (closedAs != null) {
                d.outcome = closedAs;
            }
        }, closedAs == null ? new DispatchEvent[]{resolved}
                : new DispatchEvent[]{resolved, new CaseClosed(id, ticketIds, closedAs, null, conv, now)});
    }

    /** Only the city's 12345 calls the complainant back (回访); its satisfaction call-back closes the case. */
    public boolean awaitsCallBack() {
        return "HOTLINE_12345".equals(facts.source());
    }

    private CaseOutcome closingOutcome() {
        return handDown != null ? CaseOutcome.HANDED_DOWN
                : escalatedUpReason != null ? CaseOutcome.ESCALATED_UP : CaseOutcome.RESOLVED;
    }

    /**
     * The city's call-back: UNSATISFIED within {@code reopenWindow} of the resolution reopens the case with
     * fresh deadlines; anything else closes it.
     */
    public CaseChange rate(String messageId, Satisfaction rating, @Nullable String comment, Duration reopenWindow,
                           Instant now) {
        String key = "satisfaction:" + messageId;
        if (applied.contains(key)) {
            return unchanged();
        }
        require(CaseAction.RATE);
        boolean reopen = rating == Satisfaction.UNSATISFIED && resolvedAt != null
                && !now.isAfter(resolvedAt.plus(reopenWindow));
        if (reopen) {
            String why = "unsatisfied call-back" + (blankToNull(comment) != null ? ": " + comment : "");
            return change(Officer.SYSTEM_NAME, now, d -> {
                d.remember(key);
                d.state = CaseState.REOPENED;
                d.reopens++;
                d.satisfaction = rating.name();
                d.resolvedAt = null;
                d.resolution = null;
                d.deadlines = deadlines.restart(now);
            }, new CaseReopened(id, why, now));
        }
        return close(key, closingOutcome(), rating.name(), now);
    }

    private CaseChange close(String key, CaseOutcome how, @Nullable String rating, Instant now) {
        return change(Officer.SYSTEM_NAME, now, d -> {
            d.remember(key);
            d.state = CaseState.CLOSED;
            d.outcome = how;
            d.satisfaction = rating;
        }, new CaseClosed(id, ticketIds, how, rating, converted, now));
    }

    /** The city chased the ticket (催办): counted once per message, and the case's priority goes up. */
    public CaseChange urge(String messageId, @Nullable String note, Instant now) {
        String key = "urge:" + messageId;
        if (applied.contains(key)) {
            return unchanged();
        }
        require(CaseAction.URGE);
        return change(Officer.SYSTEM_NAME, now, d -> {
            d.remember(key);
            d.urges++;
            d.priority++;
        }, "URGED", note == null ? "urged by 12345" : "urged by 12345: " + note);
    }

    /** The citizen withdrew a ticket (撤单): a case left without tickets closes as withdrawn. */
    public CaseChange withdraw(String messageId, String ticketId, @Nullable String reason, Instant now) {
        String key = "withdrawn:" + messageId;
        if (applied.contains(key) || !ticketIds.contains(ticketId)) {
            return unchanged();
        }
        require(CaseAction.WITHDRAW);
        if (ticketIds.size() > 1) {
            return change(Officer.SYSTEM_NAME, now, d -> {
                d.remember(key);
                d.ticketIds.remove(ticketId);
            }, "WITHDRAWN", "ticket " + ticketId + " withdrawn" + (reason == null ? "" : ": " + reason));
        }
        return close(key, CaseOutcome.WITHDRAWN, null, now);
    }

    /** The city added to a ticket (补充): recorded on the timeline, once per message. */
    public CaseChange supplement(String messageId, String text, Instant now) {
        String key = "supplement:" + messageId;
        if (applied.contains(key) || !state.open()) {
            return unchanged();
        }
        return change(Officer.SYSTEM_NAME, now, d -> d.remember(key), "SUPPLEMENTED", text);
    }

    // ---- deadlines

    /** Fires every warning, breach and report-in deadline due by {@code now}, each once. */
    public CaseChange fireDue(Instant now) {
        List<Deadlines.Due> dues = deadlines.dueBy(now, state.clocksRun());
        List<Summons> late = summons.stream().filter(s -> s.awaiting() && !s.dueAt().isAfter(now)).toList();
        if (dues.isEmpty() && late.isEmpty()) {
            return unchanged();
        }
        String leader = routing != null ? routing.supervisingLeader() : proposal.supervisingLeader();
        List<DispatchEvent> events = new ArrayList<>();
        for (Deadlines.Due due : dues) {
            events.add(due.breach() ? new SlaBreached(id, due.kind(), due.dueAt(), leader, now)
                    : new SlaWarning(id, due.kind(), due.fraction(), due.dueAt(), now));
        }
        late.forEach(s -> events.add(new ReportInOverdue(id, s.agency(), s.dueAt(), now)));
        boolean breach = dues.stream().anyMatch(Deadlines.Due::breach);
        return change(Officer.SYSTEM_NAME, now, d -> {
            d.deadlines = deadlines.markFired(dues);
            late.forEach(s -> d.replace(s, s.markOverdue()));
            if (breach) {
                d.escalatedTo = leader;
                d.priority++;
            }
        }, events.toArray(DispatchEvent[]::new));
    }

    /** When the scheduler should next look at this case, or null when nothing is pending. */
    public @Nullable Instant nextTimerAt() {
        Instant sla = deadlines.next(state.clocksRun());
        Instant reportIn = state.open() ? summons.stream().filter(Summons::awaiting).map(Summons::dueAt)
                .min(Comparator.naturalOrder()).orElse(null) : null;
        return Stream.of(sla, reportIn).filter(i -> i != null).min(Comparator.naturalOrder()).orElse(null);
    }

    public boolean overdue(Instant now) {
        return state.clocksRun() && (now.isAfter(deadlines.resolutionDueAt())
                || (!deadlines.contacted() && now.isAfter(deadlines.firstContactDueAt())));
    }

    public boolean breached() {
        return deadlines.breached(DeadlineKind.RESOLUTION) || deadlines.breached(DeadlineKind.FIRST_CONTACT);
    }

    // ---- helpers

    public @Nullable String leadDepartment() {
        return routing != null ? routing.leadDepartment() : null;
    }

    public @Nullable String village() {
        return routing != null && routing.responsibleVillage() != null ? routing.responsibleVillage()
                : proposal.responsibleVillage() != null ? proposal.responsibleVillage() : facts.village();
    }

    private void require(CaseAction action) {
        if (!state.allows(action)) {
            throw new IllegalTransition(state, action);
        }
    }

    private CaseChange unchanged() {
        return new CaseChange(this, this, List.of());
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String required(String field, @Nullable String value) {
        String v = blankToNull(value);
        if (v == null) {
            throw new InvalidCommand(field, field + " is required");
        }
        return v;
    }

    private CaseChange change(String by, Instant now, java.util.function.Consumer<Draft> edit,
                              DispatchEvent... events) {
        Draft draft = new Draft(this);
        edit.accept(draft);
        for (DispatchEvent e : events) {
            draft.timeline.add(Timeline.entry(e, by));
        }
        return new CaseChange(this, draft.build(), List.of(events));
    }

    private CaseChange change(String by, Instant now, java.util.function.Consumer<Draft> edit, String action,
                              String detail) {
        Draft draft = new Draft(this);
        edit.accept(draft);
        draft.timeline.add(new TimelineEntry(now, by, action, detail));
        return new CaseChange(this, draft.build(), List.of());
    }

    private CaseChange emit(Case before, String by, Instant now, List<DispatchEvent> events) {
        Draft draft = new Draft(this);
        events.forEach(e -> draft.timeline.add(Timeline.entry(e, by)));
        return new CaseChange(before, draft.build(), events);
    }

    /** A mutable copy used inside one transition. */
    private static final class Draft {
        final Case from;
        List<String> ticketIds;
        CaseState state;
        Routing proposal;
        @Nullable Routing routing;
        Deadlines deadlines;
        int priority;
        int urges;
        int returns;
        int reopens;
        List<Summons> summons;
        @Nullable HandDown handDown;
        @Nullable String escalatedTo;
        @Nullable String escalatedUpReason;
        @Nullable String resolution;
        @Nullable Instant resolvedAt;
        @Nullable Boolean converted;
        @Nullable CaseOutcome outcome;
        @Nullable String satisfaction;
        List<String> applied;
        List<TimelineEntry> timeline;

        Draft(Case c) {
            from = c;
            ticketIds = new ArrayList<>(c.ticketIds);
            state = c.state;
            proposal = c.proposal;
            routing = c.routing;
            deadlines = c.deadlines;
            priority = c.priority;
            urges = c.urges;
            returns = c.returns;
            reopens = c.reopens;
            summons = new ArrayList<>(c.summons);
            handDown = c.handDown;
            escalatedTo = c.escalatedTo;
            escalatedUpReason = c.escalatedUpReason;
            resolution = c.resolution;
            resolvedAt = c.resolvedAt;
            converted = c.converted;
            outcome = c.outcome;
            satisfaction = c.satisfaction;
            applied = new ArrayList<>(c.applied);
            timeline = new ArrayList<>(c.timeline);
        }

        void remember(String key) {
            applied.add(key);
            if (applied.size() > REMEMBERED_INPUTS) {
                applied.removeFirst();
            }
        }

        void replace(Summons old, Summons now) {
            summons.set(summons.indexOf(old), now);
        }

        Case build() {
            return new Case(from.id, ticketIds, from.facts, state, proposal, routing, deadlines, from.openedAt,
                    priority, urges, returns, reopens, summons, handDown, escalatedTo, escalatedUpReason, resolution,
                    resolvedAt, converted, outcome, satisfaction, applied, timeline);
        }
    }
}
