package cn.township.dispatch.caserecord;

import org.jspecify.annotations.Nullable;

import java.time.Duration;
import java.util.List;

/**
 * The deadlines a case gets from the SLA policy: the rule that matched, the time allowed for first contact
 * and for resolution, the fractions of that time at which to warn, and the city's own due time if it sent one.
 */
public record DeadlineTerms(String rule, Duration firstContact, Duration resolution, List<Double> warnings) {

    public DeadlineTerms {
        warnings = List.copyOf(warnings);
    }

    /** Used when the city's ticket carries its own, earlier due time. */
    public DeadlineTerms capped(@Nullable Duration cityAllows) {
        if (cityAllows == null || cityAllows.compareTo(resolution) >= 0 || cityAllows.isNegative()) {
            return this;
        }
        Duration contact = firstContact.compareTo(cityAllows) > 0 ? cityAllows : firstContact;
        return new DeadlineTerms(rule + "+city", contact, cityAllows, warnings);
    }
}
