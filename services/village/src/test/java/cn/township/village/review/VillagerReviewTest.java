package cn.township.village.review;

import cn.township.contracts.village.VillagerReviewConcluded;
import cn.township.village.rule.Change;
import cn.township.village.rule.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VillagerReviewTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");
    private static final Instant DEADLINE = T0.plusSeconds(86_400);

    private static VillagerReview review(List<String> representatives) {
        return VillagerReview.open("case-1", "v1", "land", T0, DEADLINE, representatives);
    }

    @Test
    void closesWhenEveryRepresentativeHasAnswered() {
        Change<VillagerReview> c = review(List.of("wang", "li")).respond("wang", "h-1", 4, "handled well", T0);
        assertThat(c.events()).isEmpty();
        c = c.state().markConverted().state().respond("li", "h-2", 5, "fair", T0.plusSeconds(5));

        assertThat(c.state().status()).isEqualTo(VillagerReview.Status.CONCLUDED);
        assertThat(c.events()).singleElement().isInstanceOfSatisfying(VillagerReviewConcluded.class, e -> {
            assertThat(e.averageRating()).isEqualTo(4.5);
            assertThat(e.responses()).isEqualTo(2);
            assertThat(e.converted()).isTrue();
        });
    }

    @Test
    void onlyRepresentativesAnswerAndEachOnce() {
        VillagerReview r = review(List.of("wang", "li"));
        assertThatThrownBy(() -> r.respond("zhao", null, 3, "x", T0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("representatives-only"));
        VillagerReview answered = r.respond("wang", null, 3, "x", T0).state();
        assertThatThrownBy(() -> answered.respond("wang", null, 4, "again", T0))
                .isInstanceOfSatisfying(RuleViolation.class,
                        e -> assertThat(e.rule()).isEqualTo("one-response-per-representative"));
        assertThatThrownBy(() -> r.respond("li", null, 6, "x", T0))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("rating"));
    }

    @Test
    void closesAtTheDeadlineWithWhateverAnswersCame() {
        VillagerReview r = review(List.of()).respond("anyone", null, 2, "slow", T0).state();
        assertThat(r.status()).isEqualTo(VillagerReview.Status.OPEN);
        assertThatThrownBy(() -> r.respond("late", null, 5, "x", DEADLINE))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("deadline-passed"));
        Change<VillagerReview> closed = r.expire(DEADLINE);
        assertThat(closed.events()).singleElement().isInstanceOfSatisfying(VillagerReviewConcluded.class, e -> {
            assertThat(e.averageRating()).isEqualTo(2.0);
            assertThat(e.converted()).isFalse();
        });
    }
}
