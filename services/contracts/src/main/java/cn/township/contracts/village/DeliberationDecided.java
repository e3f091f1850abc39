package cn.township.contracts.village;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** A deliberation (村民议事 / 微议事) reached its decision. */
public record DeliberationDecided(
        String deliberationId,
        String village,
        @Nullable String grid,
        String title,
        DeliberationResult result,
        int votesFor,
        int votesAgainst,
        int abstentions,
        @Nullable String projectId,
        Instant at) implements VillageEvent {

    @Override
    public String subject() {
        return deliberationId;
    }
}
