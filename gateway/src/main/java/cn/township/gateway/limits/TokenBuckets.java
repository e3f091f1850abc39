package cn.township.gateway.limits;

import cn.township.gateway.GatewayProperties.Quota;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** In-memory token buckets, one per key; thread-safe, lock per bucket. */
public final class TokenBuckets {

    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final long idleNanos;
    private volatile long nextSweep;
    private volatile boolean swept;

    public TokenBuckets(Duration idleAfter) {
        this.idleNanos = idleAfter.toNanos();
    }

    /**
     * Takes one token from the key's bucket.
     *
     * @return 0 when the request may pass, otherwise how many nanoseconds until a token will be there
     */
    public long take(String key, Quota quota, long nowNanos) {
        sweep(nowNanos);
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(quota.burst(), nowNanos));
        return bucket.take(quota, nowNanos);
    }

    /** Seconds for a {@code Retry-After} header: at least 1. */
    public static long retryAfterSeconds(long waitNanos) {
        return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    int size() {
        return buckets.size();
    }

    private void sweep(long nowNanos) {
        if (swept && nowNanos - nextSweep < 0) {
            return;
        }
        swept = true;
        nextSweep = nowNanos + idleNanos;
        buckets.entrySet().removeIf(e -> nowNanos - e.getValue().lastSeen > idleNanos);
    }

    private static final class Bucket {
        private double tokens;
        private long refilledAt;
        private volatile long lastSeen;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
            this.lastSeen = now;
        }

        synchronized long take(Quota quota, long now) {
            lastSeen = now;
            double elapsedSeconds = Math.max(0, now - refilledAt) / 1e9;
            tokens = Math.min(quota.burst(), tokens + elapsedSeconds * quota.perSecond());
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) / quota.perSecond() * 1e9);
        }
    }
}
