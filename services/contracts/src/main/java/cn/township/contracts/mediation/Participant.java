package cn.township.contracts.mediation;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** A mediation-team member taking part in a session. */
public record Participant(
        String memberId,
        String name,
        List<String> roles,
        @Nullable String household) {
}
