package cn.township.contracts.intake;

import org.jspecify.annotations.Nullable;

/** The caller (诉求人) as other services may see them: never the raw phone number. */
public record Complainant(
        @Nullable String name,
        @Nullable String phoneMasked,
        @Nullable String phoneKey) {
}
