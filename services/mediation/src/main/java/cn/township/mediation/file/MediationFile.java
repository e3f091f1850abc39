package cn.township.mediation.file;

import cn.township.contracts.mediation.AgreementReached;
import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.MediationEvent;
import cn.township.contracts.mediation.MediationFailed;
import cn.township.contracts.mediation.MediationOpened;
import cn.township.contracts.mediation.Participant;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.SessionHeld;
import cn.township.contracts.mediation.SessionOutcome;
import cn.township.mediation.Change;
import cn.township.mediation.errors.Conflict;
import cn.township.mediation.errors.InvalidField;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A mediation file: the dispute, its parties, the three-step method as it was carried out, and the
 * round-table rounds until the parties agree or mediation fails. Decides; stores nothing.
 */
public record MediationFile(String id, @Nullable String caseId, String village, DisputeType disputeType,
                            List<Party> parties, boolean confidential, @Nullable String plan, FileStatus status,
                            List<Step> steps, List<Round> rounds, @Nullable Agreement agreement,
                            String openedBy, Instant openedAt, long version) {

    public MediationFile {
        parties = List.copyOf(parties);
        steps = List.copyOf(steps);
        rounds = List.copyOf(rounds);
    }

    /** The deterministic file id of a handed-down case: a replayed hand-down finds the same file. */
    public static String idForCase(String caseId) {
        return "mf-" + caseId;
    }

    public static Change<MediationFile> open(String id, @Nullable String caseId, String village, DisputeType type,
                                             List<Party> parties, boolean confidential, @Nullable String plan,
                                             String by, Instant at) {
        var file = new MediationFile(id, caseId, village, type, parties, confidential, plan, FileStatus.OPEN,
                List.of(), List.of(), null, by, at, 0);
        return new Change<>(file, List.of(new MediationOpened(id, caseId, village, type, file.publishedParties(), at)));
    }

    /** What of a confidential complainant this file withholds from readers who may not see it. */
    public Withholding withholding() {
        return Withholding.complainantsOf(confidential, parties);
    }

    /**
     * The parties as events carry them: other services show events to village roles, so a confidential
     * complainant goes without name and phone (the household stays: civility points are awarded by household).
     */
    private List<Party> publishedParties() {
        Withholding withheld = withholding();
        return parties.stream().map(p -> withheld.party(p, true)).toList();
    }

    /** Records a step of the three-step method; each step needs the one before it to have happened. */
    public MediationFile recordStep(Step step) {
        requireOpen();
        StepKind kind = step.kind();
        if (kind.ordinal() > 0) {
            StepKind before = StepKind.values()[kind.ordinal() - 1];
            if (steps.stream().noneMatch(s -> s.kind() == before)) {
                throw new Conflict("step " + kind + " needs a " + before + " step first (三步工作法)");
            }
        }
        List<Step> all = new ArrayList<>(steps);
        all.add(step);
        return new MediationFile(id, caseId, village, disputeType, parties, confidential, plan, status, all, rounds,
                agreement, openedBy, openedAt, version);
    }

    /** The round number a newly booked session will have. */
    public int nextRound() {
        return rounds.size() + 1;
    }

    public void requireOpen() {
        if (status != FileStatus.OPEN) {
            throw new Conflict("mediation file " + id + " is " + status + "; it takes no more rounds");
        }
    }

    /**
     * Records a held session. Agreement needs terms and an acknowledgement from every party; no agreement ends
     * the mediation; adjourned and partial outcomes go to a next round. Recording the same session twice
     * changes nothing.
     */
    public Change<MediationFile> recordRound(String sessionId, SessionOutcome outcome, List<Participant> attendees,
                                             List<String> partiesPresent, String minutes,
                                             @Nullable Agreement newAgreement, Instant at) {
        if (rounds.stream().anyMatch(r -> r.sessionId().equals(sessionId))) {
            return new Change<>(this, List.of());
        }
        requireOpen();
        int number = nextRound();
        List<Round> all = new ArrayList<>(rounds);
        all.add(new Round(number, sessionId, outcome, attendees, partiesPresent, minutes, at));
        List<MediationEvent> events = new ArrayList<>();
        events.add(new SessionHeld(id, caseId, sessionId, number, outcome, attendees, at));
        FileStatus nextStatus = status;
        Agreement kept = agreement;
        switch (outcome) {
            case AGREEMENT -> {
                kept = checkAgreement(newAgreement);
                nextStatus = FileStatus.AGREED;
                events.add(new AgreementReached(id, caseId, village, withholding().texts(kept.terms()),
                        publishedParties(), attendees, number, at));
            }
            case NO_AGREEMENT -> {
                nextStatus = FileStatus.FAILED;
                events.add(new MediationFailed(id, caseId, village, minutes, number, at));
            }
            case PARTIAL, ADJOURNED -> {
                if (newAgreement != null) {
                    throw new InvalidField("agreement", "only an AGREEMENT outcome records an agreement");
                }
            }
        }
        var next = new MediationFile(id, caseId, village, disputeType, parties, confidential, plan, nextStatus, steps,
                all, kept, openedBy, openedAt, version);
        return new Change<>(next, events);
    }

    private Agreement checkAgreement(@Nullable Agreement candidate) {
        if (candidate == null) {
            throw new InvalidField("agreement", "an AGREEMENT outcome needs the agreement: terms and acknowledgements");
        }
        if (candidate.terms().isEmpty() || candidate.terms().stream().anyMatch(t -> t == null || t.isBlank())) {
            throw new InvalidField("agreement.terms", "an agreement needs at least one term, none blank");
        }
        Set<String> acknowledged = candidate.acknowledgements().stream().map(Acknowledgement::party)
                .collect(Collectors.toSet());
        List<String> missing = parties.stream().map(Party::name).filter(n -> !acknowledged.contains(n)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidField("agreement.acknowledgements", "every party must acknowledge the agreement; missing: "
                    + String.join(", ", withholding().texts(missing)));
        }
        Set<String> names = parties.stream().map(Party::name).collect(Collectors.toSet());
        List<String> strangers = acknowledged.stream().filter(n -> !names.contains(n)).sorted().toList();
        if (!strangers.isEmpty()) {
            throw new InvalidField("agreement.acknowledgements", "not parties to this file: " + String.join(", ", strangers));
        }
        return candidate;
    }

    /** Adds a party (a respondent named after the hand-down, say); names are unique within a file. */
    public MediationFile withParty(Party party) {
        requireOpen();
        if (parties.stream().anyMatch(p -> p.name().equals(party.name()))) {
            throw new Conflict("party " + party.name() + " is already on file " + id);
        }
        List<Party> all = new ArrayList<>(parties);
        all.add(party);
        return new MediationFile(id, caseId, village, disputeType, all, confidential, plan, status, steps, rounds,
                agreement, openedBy, openedAt, version);
    }
}
