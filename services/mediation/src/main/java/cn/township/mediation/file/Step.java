package cn.township.mediation.file;

import java.time.Instant;
import java.util.List;

/** One recorded step of the three-step method: who took it, when, and what was said. */
public record Step(StepKind kind, List<String> who, Instant at, String said, String recordedBy) {

    public Step {
        who = List.copyOf(who);
    }
}
