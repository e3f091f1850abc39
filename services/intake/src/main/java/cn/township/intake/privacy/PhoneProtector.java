package cn.township.intake.privacy;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Phone numbers at rest and in matching: AES-256-GCM with a random nonce for storage (the phone can be read
 * back only with the key), HMAC-SHA256 for the repeat-caller key (equal phones give equal keys, the key
 * reveals nothing without the secret), and the mask shown to roles that do not need the number.
 * <p>
 * Cipher and MAC objects are kept for reuse (looking a transformation up in the providers costs more than using
 * it); each is used by one caller at a time and initialised with a fresh nonce for every encryption.
 */
public final class PhoneProtector {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final byte[] AAD = "township.intake.phone.v1".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec hashKey;
    private final SecureRandom random = new SecureRandom();
    private final ConcurrentLinkedQueue<Cipher> ciphers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Mac> macs = new ConcurrentLinkedQueue<>();

    public PhoneProtector(byte[] encryptionKey, byte[] hashKey) {
        if (encryptionKey.length != 32 || hashKey.length != 32) {
            throw new IllegalArgumentException("phone keys must be 32 bytes each (base64 in configuration)");
        }
        this.encryptionKey = new SecretKeySpec(encryptionKey, "AES");
        this.hashKey = new SecretKeySpec(hashKey, "HmacSHA256");
    }

    public static PhoneProtector fromBase64(String encryptionKey, String hashKey) {
        return new PhoneProtector(Base64.getDecoder().decode(encryptionKey), Base64.getDecoder().decode(hashKey));
    }

    /** Digits only (a leading +86 dropped), the form every other method works on. */
    public static String normalize(String phone) {
        String digits = phone.replaceAll("[^0-9]", "");
        if (phone.trim().startsWith("+86") && digits.startsWith("86")) {
            digits = digits.substring(2);
        }
        return digits;
    }

    public ProtectedPhone protect(String phone) {
        String normalized = normalize(phone);
        return new ProtectedPhone(encrypt(normalized), key(normalized), mask(normalized));
    }

    public String encrypt(String normalizedPhone) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = cipher();
            cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(AAD);
            byte[] sealed = cipher.doFinal(normalizedPhone.getBytes(StandardCharsets.UTF_8));
            ciphers.offer(cipher);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM unavailable", e);
        }
    }

    /** @throws IllegalArgumentException when the text was not sealed with this key (or was altered) */
    public String decrypt(String sealedBase64) {
        try {
            byte[] in = Base64.getDecoder().decode(sealedBase64);
            Cipher cipher = cipher();
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(AAD);
            String phone = new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
            ciphers.offer(cipher);
            return phone;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("phone cipher text does not open with this key", e);
        }
    }

    /** The keyed hash used to recognise a repeat caller without storing or comparing the phone itself. */
    public String key(String normalizedPhone) {
        try {
            Mac mac = macs.poll();
            if (mac == null) {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(hashKey);
            }
            // doFinal leaves the MAC reset and keyed, ready for the next phone
            String key = HexFormat.of().formatHex(mac.doFinal(normalizedPhone.getBytes(StandardCharsets.UTF_8)));
            macs.offer(mac);
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** A cipher no one else is using (initialised by the caller; one that failed is not given back). */
    private Cipher cipher() throws GeneralSecurityException {
        Cipher cipher = ciphers.poll();
        return cipher != null ? cipher : Cipher.getInstance("AES/GCM/NoPadding");
    }

    /** 13812341234 → 138****1234; shorter numbers keep only their last four digits. */
    public static String mask(String normalizedPhone) {
        int n = normalizedPhone.length();
        if (n >= 11) {
            return normalizedPhone.substring(0, 3) + "****" + normalizedPhone.substring(n - 4);
        }
        if (n > 4) {
            return "*".repeat(n - 4) + normalizedPhone.substring(n - 4);
        }
        return "*".repeat(n);
    }
}
