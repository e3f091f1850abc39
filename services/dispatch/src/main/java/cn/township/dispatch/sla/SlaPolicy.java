package cn.township.dispatch.sla;

import cn.township.dispatch.caserecord.DeadlineTerms;
import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * The SLA policy table, as data: rules tried in order, the first that matches sets the deadlines. The
 * defaults follow Beijing's published 12345 rules: emergencies 2 hours; water, power, gas and heat 24 hours;
 * complex matters 15 days; everything else 7 days.
 */
public record SlaPolicy(List<SlaRule> rules, List<Double> warnings) {

    public SlaPolicy {
        rules = List.copyOf(rules);
        warnings = warnings.stream().sorted().toList();
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("the SLA policy needs at least one rule");
        }
        for (double w : warnings) {
            if (w <= 0 || w >= 1) {
                throw new IllegalArgumentException("warning fractions lie strictly between 0 and 1: " + w);
            }
        }
    }

    public static SlaPolicy defaults() {
        return new SlaPolicy(List.of(
                new SlaRule("emergency", "EMERGENCY", null, null, Duration.ofMinutes(30), Duration.ofHours(2)),
                new SlaRule("utilities", null, null,
                        List.of("water", "power", "electric", "gas", "heat", "供水", "停水", "供电", "停电", "燃气", "供暖", "供热"),
                        Duration.ofHours(2), Duration.ofHours(24)),
                new SlaRule("complex", null, "COMPLEX", null, Duration.ofHours(24), Duration.ofDays(15)),
                new SlaRule("general", null, null, null, Duration.ofHours(24), Duration.ofDays(7))),
                List.of(0.5, 0.8));
    }

    public DeadlineTerms termsFor(String urgency, @Nullable String deadlineClass, String category) {
        SlaRule rule = rules.stream().filter(r -> r.matches(urgency, deadlineClass, category)).findFirst()
                .orElse(rules.getLast());
        return new DeadlineTerms(rule.name(), rule.firstContact(), rule.resolution(), warnings);
    }
}
