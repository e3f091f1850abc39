package cn.township.village.project;

import cn.township.contracts.village.ProjectCompleted;
import cn.township.village.rule.RuleViolation;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectTest {

    private static final Instant T0 = Instant.parse("2026-05-01T08:00:00Z");

    @Test
    void aProjectIsPlannedStartedAndCompletedOnce() {
        Project p = Project.plan("p-1", "v1", "sweet water", null, List.of("water-supply"), null, "cadre", T0, null);
        Project started = p.start(T0.plusSeconds(10)).state();
        assertThat(started.status()).isEqualTo(Project.Status.IN_PROGRESS);
        var done = started.complete(T0.plusSeconds(20));
        assertThat(done.events()).singleElement().isInstanceOfSatisfying(ProjectCompleted.class,
                e -> assertThat(e.categories()).containsExactly("water-supply"));
        assertThatThrownBy(() -> done.state().complete(T0.plusSeconds(30)))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("project-status"));
        assertThatThrownBy(() -> done.state().start(T0.plusSeconds(30))).isInstanceOf(RuleViolation.class);
    }

    @Test
    void aProjectAddressesAtLeastOneCategory() {
        assertThatThrownBy(() -> Project.plan("p", "v", "t", null, List.of(), null, "c", T0, null))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.rule()).isEqualTo("categories"));
    }
}
