package cn.township.mediation.file.web;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.Party;
import cn.township.contracts.mediation.PartyRole;
import cn.township.mediation.file.Acknowledgement;
import cn.township.mediation.file.Agreement;
import cn.township.mediation.file.FileStatus;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Round;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.Withholding;
import cn.township.mediation.file.app.FileAccess;
import cn.township.security.Caller;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/**
 * A mediation file as the caller may see it: a confidential complainant the caller may not know is withheld
 * everywhere in it (party, plan, steps, minutes, terms, acknowledgements). Phones are stored masked.
 */
record FileView(String id, @Nullable String caseId, String village, DisputeType disputeType, List<PartyView> parties,
                boolean confidential, @Nullable String plan, FileStatus status, List<Step> steps, List<Round> rounds,
                @Nullable Agreement agreement, String openedBy, Instant openedAt) {

    /** A party; {@code withheld} when this is a confidential complainant the caller may not see. */
    record PartyView(PartyRole role, String name, @Nullable String phoneMasked, @Nullable String household,
                     boolean withheld) {
    }

    static FileView of(Caller caller, MediationFile f) {
        Withholding w = FileAccess.withholdingFor(caller, f);
        List<PartyView> parties = f.parties().stream().map(p -> view(p, w)).toList();
        List<Step> steps = f.steps().stream()
                .map(s -> new Step(s.kind(), s.who(), s.at(), w.text(s.said()), s.recordedBy())).toList();
        List<Round> rounds = f.rounds().stream().map(r -> new Round(r.number(), r.sessionId(), r.outcome(),
                r.attendees(), w.texts(r.partiesPresent()), w.text(r.minutes()), r.at())).toList();
        Agreement a = f.agreement();
        Agreement agreement = a == null ? null : new Agreement(w.texts(a.terms()), a.acknowledgements().stream()
                .map(k -> new Acknowledgement(w.text(k.party()), k.method(), k.at())).toList(), a.at());
        return new FileView(f.id(), f.caseId(), f.village(), f.disputeType(), parties, f.confidential(),
                w.text(f.plan()), f.status(), steps, rounds, agreement, f.openedBy(), f.openedAt());
    }

    private static PartyView view(Party p, Withholding w) {
        Party shown = w.party(p, false);
        return new PartyView(shown.role(), shown.name(), shown.phoneMasked(), shown.household(), shown != p);
    }
}
