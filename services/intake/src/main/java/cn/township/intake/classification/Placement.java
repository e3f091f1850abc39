package cn.township.intake.classification;

import org.jspecify.annotations.Nullable;

/** Where a ticket belongs: a village (and grid) or, when nothing matched, manual routing by the dispatcher. */
public record Placement(@Nullable String village, @Nullable String grid, boolean manualRouting, String matchedBy) {

    public static Placement manual() {
        return new Placement(null, null, true, "none");
    }
}
