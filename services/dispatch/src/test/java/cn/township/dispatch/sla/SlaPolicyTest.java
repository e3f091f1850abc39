package cn.township.dispatch.sla;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SlaPolicyTest {

    private final SlaPolicy policy = SlaPolicy.defaults();

    @Test
    void followsBeijingsDefaults() {
        assertThat(policy.termsFor("EMERGENCY", null, "road collapse").resolution()).isEqualTo(Duration.ofHours(2));
        assertThat(policy.termsFor("NORMAL", null, "Water supply").resolution()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.termsFor("URGENT", null, "停电").resolution()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.termsFor("NORMAL", "complex", "homestead").resolution()).isEqualTo(Duration.ofDays(15));
        assertThat(policy.termsFor("NORMAL", null, "noise").resolution()).isEqualTo(Duration.ofDays(7));
        assertThat(policy.termsFor("NORMAL", null, "noise").firstContact()).isEqualTo(Duration.ofHours(24));
        assertThat(policy.termsFor("NORMAL", null, "noise").warnings()).containsExactly(0.5, 0.8);
    }

    @Test
    void theFirstMatchingRuleWins() {
        SlaPolicy custom = new SlaPolicy(List.of(
                new SlaRule("heating-season", null, null, List.of("heat"), Duration.ofHours(1), Duration.ofHours(12)),
                new SlaRule("rest", null, null, null, Duration.ofHours(24), Duration.ofDays(7))), List.of(0.9));
        assertThat(custom.termsFor("EMERGENCY", null, "heating").rule()).isEqualTo("heating-season");
        assertThat(custom.termsFor("NORMAL", null, "noise").rule()).isEqualTo("rest");
    }

    @Test
    void rejectsWarningsOutsideTheDeadline() {
        assertThatThrownBy(() -> new SlaPolicy(SlaPolicy.defaults().rules(), List.of(1.0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
