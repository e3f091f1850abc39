package cn.township.dispatch.sla;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One row of the SLA policy table: which tickets it covers (an urgency, a deadline class, or words in the
 * category; empty means any) and the time allowed for first contact and for resolution.
 */
public record SlaRule(String name, @Nullable String urgency, @Nullable String deadlineClass,
                      @Nullable List<String> categories, Duration firstContact, Duration resolution) {

    public SlaRule {
        categories = categories == null ? List.of() : List.copyOf(categories);
    }

    boolean matches(String ticketUrgency, @Nullable String ticketDeadlineClass, String category) {
        if (urgency != null && !urgency.equalsIgnoreCase(ticketUrgency)) {
            return false;
        }
        if (deadlineClass != null && !deadlineClass.equalsIgnoreCase(ticketDeadlineClass)) {
            return false;
        }
        String c = category.toLowerCase(Locale.ROOT);
        return categories.isEmpty() || categories.stream().anyMatch(w -> c.contains(w.toLowerCase(Locale.ROOT)));
    }
}
