package cn.township.mediation.file;

import org.jspecify.annotations.Nullable;

/** Phone numbers are never stored whole: keep the first three and last four digits (138****5678). */
public final class Phones {

    private Phones() {
    }

    public static @Nullable String mask(@Nullable String phone) {
        if (phone == null || phone.isBlank()) {
            return null;
        }
        if (phone.contains("*")) {
            return phone;
        }
        String digits = phone.replaceAll("\\D", "");
        if (digits.length() < 7) {
            return "*".repeat(digits.length());
        }
        return digits.substring(0, 3) + "*".repeat(digits.length() - 7) + digits.substring(digits.length() - 4);
    }
}
