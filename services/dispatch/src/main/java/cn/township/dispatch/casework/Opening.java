package cn.township.dispatch.casework;

import cn.township.contracts.intake.Complainant;
import cn.township.contracts.intake.TicketReceived;
import cn.township.dispatch.DispatchProperties;
import cn.township.dispatch.caserecord.Case;
import cn.township.dispatch.caserecord.CaseChange;
import cn.township.dispatch.caserecord.CaseFacts;
import cn.township.dispatch.caserecord.DeadlineTerms;
import cn.township.dispatch.persistence.CaseRepository;
import cn.township.dispatch.persistence.StoredCase;
import cn.township.dispatch.routing.RoutingProposals;
import cn.township.dispatch.sla.SlaPolicy;
import cn.township.messaging.trace.TraceContext;
import cn.township.security.Pii;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A ticket arrives: it joins the open case of a ticket it is linked to (降量), or opens a case of its own
 * with a routing proposal and deadlines from the SLA policy. A ticket already in a case changes nothing.
 */
@Service
public class Opening {

    /** What happened to a ticket. */
    public enum Outcome { OPENED, MERGED, ALREADY_KNOWN }

    private final CaseRepository cases;
    private final CaseWork work;
    private final SlaPolicy policy;
    private final RoutingProposals routing;

    Opening(CaseRepository cases, CaseWork work, DispatchProperties properties) {
        this.cases = cases;
        this.work = work;
        this.policy = properties.sla().policy();
        this.routing = new RoutingProposals(properties.routing());
    }

    public Outcome receive(TicketReceived t) {
        if (cases.findByTicket(t.ticketId()).isPresent()) {
            return Outcome.ALREADY_KNOWN;
        }
        Optional<StoredCase> linked = cases.findOpenByTickets(t.linkedTicketIds());
        if (linked.isPresent()) {
            String caseId = linked.get().value().id();
            // merge first (one write on the case), then index the ticket; a crash in between is repaired by
            // the redelivery: the merge is then a no-op and the index entry is written
            if (work.apply(caseId, (c, now) -> c.merge(t.ticketId(), now)).isPresent()
                    || cases.find(caseId).map(s -> s.value().ticketIds().contains(t.ticketId())).orElse(false)) {
                cases.recordMergedTicket(t.ticketId(), caseId);
                return Outcome.MERGED;
            }
        }
        return work.open(openingFor(t, work.clock().instant())) ? Outcome.OPENED : Outcome.ALREADY_KNOWN;
    }

    /** A ticket that arrived with the trace it came in. */
    public record Arrival(TicketReceived ticket, @Nullable String traceparent) {
    }

    /**
     * Tickets that arrived together and name no linked ticket (so none can merge): one read of the ticket index
     * and one bulk insert for all of them. A ticket already in a case, here or merged elsewhere, changes nothing.
     *
     * @return the ids of the cases opened
     */
    public Set<String> receiveAll(List<Arrival> arrivals) {
        Set<String> merged = cases.mergedTickets(arrivals.stream().map(a -> a.ticket().ticketId()).toList());
        Instant now = work.clock().instant();
        List<CaseRepository.PreparedCase> prepared = new ArrayList<>();
        for (Arrival a : arrivals) {
            if (!a.ticket().linkedTicketIds().isEmpty()) {
                throw new IllegalArgumentException("ticket " + a.ticket().ticketId() + " names linked tickets");
            }
            if (!merged.contains(a.ticket().ticketId())) {
                try (var scope = TraceContext.open(a.traceparent())) {
                    prepared.add(cases.prepare(openingFor(a.ticket(), now)));
                }
            }
        }
        return cases.insertPrepared(prepared);
    }

    private CaseChange openingFor(TicketReceived t, Instant now) {
        Complainant who = t.complainant();
        CaseFacts facts = new CaseFacts(t.source().name(), t.kind().name(), t.category(), t.urgency().name(),
                t.confidential(), t.content(), t.address(), t.village(), who == null ? null : who.name(),
                who == null ? null : masked(who.phoneMasked()));
        DeadlineTerms terms = policy.termsFor(t.urgency().name(), t.deadlineClass(), t.category())
                .capped(t.dueAt() == null ? null : Duration.between(t.receivedAt(), t.dueAt()));
        return Case.open(t.ticketId(), facts, routing.propose(t.leadDepartment(), t.village(), t.category()),
                t.receivedAt(), terms, now);
    }

    /**
     * Intake sends the phone masked already ({@code 138****1234}); a number that arrives unmasked is masked
     * here, so a full number is never stored, shown or published by dispatch.
     */
    static @Nullable String masked(@Nullable String phone) {
        return phone == null || phone.contains("*") ? phone : Pii.maskPhone(phone);
    }
}
