package cn.township.mediation.file.web;

import cn.township.contracts.mediation.DisputeType;
import cn.township.contracts.mediation.Party;
import cn.township.mediation.file.Agreement;
import cn.township.mediation.file.FileStatus;
import cn.township.mediation.file.MediationFile;
import cn.township.mediation.file.Round;
import cn.township.mediation.file.Step;
import cn.township.mediation.file.app.FileAccess;
import cn.township.mediation.web.Caller;
import org.jspecify.annotations.Nullable;

import java.time.Instant;
import java.util.List;

/** A mediation file as the caller may see it. */
record FileView(String id, @Nullable String caseId, String village, DisputeType disputeType, List<Party> parties,
                boolean confidential, @Nullable String plan, FileStatus status, List<Step> steps, List<Round> rounds,
                @Nullable Agreement agreement, String openedBy, Instant openedAt) {

    static FileView of(Caller caller, MediationFile f) {
        return new FileView(f.id(), f.caseId(), f.village(), f.disputeType(), FileAccess.partiesFor(caller, f),
                f.confidential(), f.plan(), f.status(), f.steps(), f.rounds(), f.agreement(), f.openedBy(),
                f.openedAt());
    }
}
