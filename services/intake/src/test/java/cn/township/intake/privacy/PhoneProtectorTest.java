package cn.township.intake.privacy;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhoneProtectorTest {

    private static byte[] key(int fill) {
        byte[] k = new byte[32];
        Arrays.fill(k, (byte) fill);
        return k;
    }

    private final PhoneProtector phones = new PhoneProtector(key(1), key(2));

    @Test
    void sealsWithAFreshNonceAndOpensOnlyWithTheKey() {
        ProtectedPhone a = phones.protect("138-1234-1234");
        ProtectedPhone b = phones.protect("+86 138 1234 1234");
        assertThat(a.sealed()).isNotEqualTo(b.sealed()).doesNotContain("1234");
        assertThat(phones.decrypt(a.sealed())).isEqualTo("13812341234");
        assertThat(phones.decrypt(b.sealed())).isEqualTo("13812341234");
        assertThatThrownBy(() -> new PhoneProtector(key(3), key(2)).decrypt(a.sealed()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theKeyedHashMatchesEqualPhonesAndDependsOnTheSecret() {
        assertThat(phones.protect("13812341234").key()).isEqualTo(phones.protect("138 1234 1234").key());
        assertThat(phones.protect("13812341234").key()).isNotEqualTo(phones.protect("13812341235").key());
        assertThat(new PhoneProtector(key(1), key(9)).protect("13812341234").key())
                .isNotEqualTo(phones.protect("13812341234").key());
    }

    @Test
    void reusedCiphersStayCorrectAcrossThreadsAndAfterARefusedText() throws Exception {
        String sealed = phones.protect("13812341234").sealed();
        byte[] tampered = java.util.Base64.getDecoder().decode(sealed);
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> phones.decrypt(java.util.Base64.getEncoder().encodeToString(tampered)))
                .isInstanceOf(IllegalArgumentException.class);
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            var results = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
            for (int i = 0; i < 2_000; i++) {
                String phone = "139" + (10_000_000 + i);
                results.add(pool.submit(() -> {
                    ProtectedPhone p = phones.protect(phone);
                    return phones.decrypt(p.sealed()).equals(phone)
                            && p.key().equals(new PhoneProtector(key(1), key(2)).key(phone));
                }));
            }
            for (var result : results) {
                assertThat(result.get()).isTrue();
            }
        }
        assertThat(phones.decrypt(sealed)).isEqualTo("13812341234");
    }

    @Test
    void masksLikeTheCityDoes() {
        assertThat(PhoneProtector.mask("13812341234")).isEqualTo("138****1234");
        assertThat(PhoneProtector.mask("01069961234")).isEqualTo("010****1234");
        assertThat(PhoneProtector.mask("69961234")).isEqualTo("****1234");
    }

    @Test
    void refusesShortKeys() {
        assertThatThrownBy(() -> new PhoneProtector(new byte[16], key(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
