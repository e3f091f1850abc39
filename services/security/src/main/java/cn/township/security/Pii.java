package cn.township.security;

import org.jspecify.annotations.Nullable;

/**
 * What a caller may see of a complainant.
 *
 * <ul>
 *   <li>A confidential ticket's complainant (name and phone) is shown only to {@code hotline}, {@code secretary},
 *       {@code dispatcher} and {@code department}, and never to a caller who also holds a village-level role,
 *       {@code agency} or {@code villager} (deny wins). Everyone else gets nothing: not even a masked phone.</li>
 *   <li>The full phone of an ordinary ticket goes to the roles that call the complainant back: {@code hotline},
 *       {@code secretary}, {@code dispatcher}, {@code department}, {@code mediator} and {@code village-cadre}
 *       (the village carries the case out). Everyone else sees it masked ({@code 138****1234}).</li>
 * </ul>
 */
public final class Pii {

    private Pii() {
    }

    /** Whether the caller may see who filed a confidential ticket. */
    public static boolean mayReadConfidentialComplainant(Caller caller) {
        if (caller.isVillageLevel() || caller.hasAnyRole(Roles.AGENCY, Roles.VILLAGER)) {
            return false;
        }
        return caller.hasAnyRole(Roles.HOTLINE, Roles.SECRETARY, Roles.DISPATCHER, Roles.DEPARTMENT);
    }

    /** Whether the caller may see an ordinary (not confidential) complainant's full phone number. */
    public static boolean mayReadPhone(Caller caller) {
        return caller.hasAnyRole(Roles.HOTLINE, Roles.SECRETARY, Roles.DISPATCHER, Roles.DEPARTMENT, Roles.MEDIATOR,
                Roles.VILLAGE_CADRE);
    }

    /** The complainant's name as this caller may see it; null when withheld. */
    public static @Nullable String complainantName(Caller caller, @Nullable String name, boolean confidential) {
        return confidential && !mayReadConfidentialComplainant(caller) ? null : name;
    }

    /** The complainant's phone as this caller may see it: full, masked, or null (confidential, not allowed). */
    public static @Nullable String complainantPhone(Caller caller, @Nullable String phone, boolean confidential) {
        if (phone == null) {
            return null;
        }
        if (confidential) {
            return mayReadConfidentialComplainant(caller) ? phone : null;
        }
        return mayReadPhone(caller) ? phone : maskPhone(phone);
    }

    /**
     * Masks a phone number, keeping the first three and last four digits of a mainland mobile
     * ({@code 13812341234} → {@code 138****1234}); a {@code +86}/{@code 86} prefix, spaces and dashes are dropped.
     * Local numbers of 8–10 digits keep their last four ({@code 69961234} → {@code ****1234}), shorter ones their
     * last two.
     */
    public static @Nullable String maskPhone(@Nullable String phone) {
        if (phone == null) {
            return null;
        }
        String digits = phone.replaceAll("[^0-9]", "");
        if (digits.length() == 13 && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        if (digits.length() >= 11) {
            return digits.substring(0, 3) + "****" + digits.substring(digits.length() - 4);
        }
        if (digits.length() >= 8) {
            // a local number (e.g. 69961234): its first digits would give most of it away
            return "****" + digits.substring(digits.length() - 4);
        }
        if (digits.length() >= 3) {
            return "****" + digits.substring(digits.length() - 2);
        }
        return "****";
    }
}
