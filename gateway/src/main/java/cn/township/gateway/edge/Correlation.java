package cn.township.gateway.edge;

import org.jspecify.annotations.Nullable;

import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/** X-Request-Id and W3C trace context values. */
public final class Correlation {

    public static final String REQUEST_ID = "X-Request-Id";
    public static final String TRACEPARENT = "traceparent";
    public static final String REQUEST_ID_ATTRIBUTE = Correlation.class.getName() + ".requestId";

    private static final Pattern SAFE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    private static final Pattern TRACEPARENT_FORMAT = Pattern.compile("[0-9a-f]{2}-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})");

    private Correlation() {
    }

    /**
     * The caller's request id when it is a sane token, otherwise a new random (version 4) UUID. The id only correlates
     * log lines, so it comes from a per-thread generator rather than the shared SecureRandom behind {@code UUID.randomUUID}.
     */
    public static String requestId(@Nullable String incoming) {
        if (incoming != null && SAFE_REQUEST_ID.matcher(incoming).matches()) {
            return incoming;
        }
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /**
     * The traceparent the gateway sends on: the caller's trace with the gateway's own new span as parent when the
     * incoming header is valid (version 00, non-zero ids), otherwise a new sampled trace.
     */
    public static String traceparent(@Nullable String incoming) {
        if (incoming != null) {
            var m = TRACEPARENT_FORMAT.matcher(incoming.trim());
            if (m.matches() && !m.group(1).equals("0".repeat(32)) && !m.group(2).equals("0".repeat(16))
                    && !incoming.startsWith("ff")) {
                return "00-" + m.group(1) + "-" + randomHex(8) + "-" + m.group(3);
            }
        }
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }
}
