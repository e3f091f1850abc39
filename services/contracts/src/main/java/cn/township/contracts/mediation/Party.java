package cn.township.contracts.mediation;

import org.jspecify.annotations.Nullable;

/** A party to a dispute; the phone is masked and the household id links civility points. */
public record Party(
        PartyRole role,
        String name,
        @Nullable String phoneMasked,
        @Nullable String household) {
}
