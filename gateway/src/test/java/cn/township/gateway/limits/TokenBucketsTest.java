package cn.township.gateway.limits;

import cn.township.gateway.GatewayProperties.Quota;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void burstThenSustainedRateThenWaitTime() {
        TokenBuckets buckets = new TokenBuckets(Duration.ofMinutes(10));
        Quota quota = new Quota(2, 3);
        long t = 1_000 * SECOND;
        assertThat(buckets.take("u", quota, t)).isZero();
        assertThat(buckets.take("u", quota, t)).isZero();
        assertThat(buckets.take("u", quota, t)).isZero();
        long wait = buckets.take("u", quota, t);
        assertThat(wait).isEqualTo(SECOND / 2);
        assertThat(TokenBuckets.retryAfterSeconds(wait)).isEqualTo(1);
        assertThat(buckets.take("u", quota, t + SECOND / 2)).isZero();
        assertThat(buckets.take("u", quota, t + SECOND / 2)).isPositive();
        assertThat(buckets.take("other", quota, t)).as("keys are independent").isZero();
    }

    @Test
    void refillNeverExceedsBurst() {
        TokenBuckets buckets = new TokenBuckets(Duration.ofMinutes(10));
        Quota quota = new Quota(100, 2);
        long t = 5 * SECOND;
        buckets.take("u", quota, t);
        t += 60 * SECOND;
        assertThat(buckets.take("u", quota, t)).isZero();
        assertThat(buckets.take("u", quota, t)).isZero();
        assertThat(buckets.take("u", quota, t)).isPositive();
    }

    @Test
    void retryAfterRoundsUpToWholeSeconds() {
        assertThat(TokenBuckets.retryAfterSeconds(1)).isEqualTo(1);
        assertThat(TokenBuckets.retryAfterSeconds(SECOND)).isEqualTo(1);
        assertThat(TokenBuckets.retryAfterSeconds(SECOND + 1)).isEqualTo(2);
    }

    @Test
    void idleBucketsAreForgotten() {
        TokenBuckets buckets = new TokenBuckets(Duration.ofSeconds(10));
        Quota quota = new Quota(1, 1);
        buckets.take("a", quota, 0);
        buckets.take("b", quota, SECOND);
        assertThat(buckets.size()).isEqualTo(2);
        buckets.take("c", quota, 30 * SECOND);
        assertThat(buckets.size()).isEqualTo(1);
    }
}
