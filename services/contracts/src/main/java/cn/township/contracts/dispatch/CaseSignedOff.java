package cn.township.contracts.dispatch;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The party secretary signed off the routing (签批). */
public record CaseSignedOff(
        String caseId,
        String leadDepartment,
        @Nullable String responsibleVillage,
        String supervisingLeader,
        String signedOffBy,
        Instant resolutionDueAt,
        Instant firstContactDueAt,
        Instant at) implements DispatchEvent {
}
