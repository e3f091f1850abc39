package cn.township.messaging.trace;

import org.jspecify.annotations.Nullable;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The W3C {@code traceparent} of the work in progress on this thread: set from an HTTP request or an
 * inbound event, copied into every event the work causes.
 */
public final class TraceContext {

    private static final Pattern TRACEPARENT = Pattern.compile("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TraceContext() {
    }

    public static @Nullable String current() {
        return CURRENT.get();
    }

    /** The current traceparent, or a fresh one when no work set one. */
    public static String currentOrNew() {
        String current = CURRENT.get();
        return current != null ? current : newTraceparent();
    }

    /** Runs work under the caller's trace (a new span of it), or a new trace if the value is absent or invalid. */
    public static Scope open(@Nullable String traceparent) {
        String previous = CURRENT.get();
        CURRENT.set(isValid(traceparent) ? childOf(traceparent) : newTraceparent());
        return () -> {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        };
    }

    public static boolean isValid(@Nullable String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.startsWith("00-00000000000000000000000000000000");
    }

    public static String newTraceparent() {
        return "00-" + randomHex(16) + "-" + randomHex(8) + "-01";
    }

    /** Same trace id, new parent span id. */
    static String childOf(String traceparent) {
        return traceparent.substring(0, 36) + randomHex(8) + traceparent.substring(52);
    }

    private static String randomHex(int bytes) {
        byte[] b = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(b);
        b[0] |= 1;
        return HexFormat.of().formatHex(b);
    }

    /** Restores the previous trace when closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
