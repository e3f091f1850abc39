package cn.township.contracts.village;

import cn.township.contracts.EventType;
import cn.township.contracts.Topics;

import java.util.List;

/** The catalogue of {@link VillageEvent} types: ce_type names and the topic. */
public final class VillageEvents {

    public static final String TOPIC = Topics.VILLAGE_AFFAIRS;

    public static final List<EventType<?>> TYPES = List.of(
            EventType.of("village.village.DeliberationDecided.v1", DeliberationDecided.class, TOPIC),
            EventType.of("village.village.ElderReviewConcluded.v1", ElderReviewConcluded.class, TOPIC),
            EventType.of("village.village.PointsAwarded.v1", PointsAwarded.class, TOPIC),
            EventType.of("village.village.PointsDeducted.v1", PointsDeducted.class, TOPIC),
            EventType.of("village.village.PointsRedeemed.v1", PointsRedeemed.class, TOPIC),
            EventType.of("village.village.ProjectCompleted.v1", ProjectCompleted.class, TOPIC),
            EventType.of("village.village.VillagerReviewConcluded.v1", VillagerReviewConcluded.class, TOPIC));

    private VillageEvents() {
    }
}
