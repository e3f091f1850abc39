package cn.township.contracts.village;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A livelihood project (民生实事) was completed; it removes a class of complaints. */
public record ProjectCompleted(
        String projectId,
        String village,
        String title,
        List<String> categories,
        @Nullable String area,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return projectId;
    }
}
