package cn.township.contracts.mediation;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The parties reached an agreement; the complainant counts as converted (转化). */
public record AgreementReached(
        String fileId,
        @Nullable String caseId,
        String village,
        List<String> terms,
        List<Party> parties,
        List<Participant> team,
        int rounds,
        Instant at) implements MediationEvent {
}
