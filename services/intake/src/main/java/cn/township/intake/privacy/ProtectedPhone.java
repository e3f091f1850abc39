package cn.township.intake.privacy;

/** A phone as intake keeps it: sealed (AES-GCM, base64), keyed hash (hex) and mask. */
public record ProtectedPhone(String sealed, String key, String masked) {
}
