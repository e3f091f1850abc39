package cn.township.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.time.Duration;

/**
 * {@code township.messaging.*}: the CloudEvents source of this service, partitions of the topics it
 * declares, consumer retries before a record is dead-lettered, and the outbox relay's pace.
 */
@ConfigurationProperties("township.messaging")
public record MessagingProperties(String source, Integer partitions, Integer retries, Duration retryInterval,
                                  Integer concurrency, Duration relaySweepInterval, Duration relayMaxSweepInterval,
                                  Integer relayBatchSize) {

    public MessagingProperties {
        partitions = partitions == null ? 3 : partitions;
        retries = retries == null ? 3 : retries;
        retryInterval = retryInterval == null ? Duration.ofMillis(200) : retryInterval;
        concurrency = concurrency == null ? 1 : concurrency;
        relaySweepInterval = relaySweepInterval == null ? Duration.ofSeconds(30) : relaySweepInterval;
        relayMaxSweepInterval = relayMaxSweepInterval == null ? Duration.ofMinutes(10) : relayMaxSweepInterval;
        relayBatchSize = relayBatchSize == null ? 500 : relayBatchSize;
    }
}
