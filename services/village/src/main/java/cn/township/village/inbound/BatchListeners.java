package cn.township.village.inbound;

import cn.township.messaging.MessagingProperties;
import cn.township.messaging.consume.DeadLetters;
import cn.township.messaging.consume.InboundEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * A listener container factory that hands over a whole poll at once (same consumer settings, retries and
 * dead-letter topic as the library's record factory), for high-volume points awards.
 */
@Configuration(proxyBeanMethods = false)
class BatchListeners {

    static final String FACTORY = "batchListenerContainerFactory";

    /**
     * Records per poll of a batch listener. A backlog is then posted in rounds of up to this many events, so that
     * each household's account is written (and its outbox emptied by the relay) once for several awards; with no
     * backlog a poll returns what there is.
     */
    static final String MAX_POLL_RECORDS = "max.poll.records=${township.village.batch-records:2000}";

    @Bean(name = FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, InboundEvent> batchListenerContainerFactory(
            ConsumerFactory<String, InboundEvent> inboundEventConsumerFactory,
            KafkaTemplate<Object, Object> deadLetterTemplate, MessagingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, InboundEvent>();
        factory.setConsumerFactory(inboundEventConsumerFactory);
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.setCommonErrorHandler(DeadLetters.errorHandler(deadLetterTemplate, properties.retryInterval(),
                properties.retries()));
        return factory;
    }
}
