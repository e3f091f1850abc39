package cn.township.village.inbound;

import cn.township.contracts.village.DeliberationDecided;
import cn.township.contracts.village.ElderReviewConcluded;
import cn.township.messaging.MessagingProperties;
import cn.township.messaging.consume.DeadLetters;
import cn.township.messaging.consume.InboundEvent;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

/**
 * The listener container factory for this service's own events: the library's consumer settings, retries and
 * dead-letter topic, but a whole poll at once, and only the types {@link OwnEventsListener} acts on are parsed.
 * The topic carries every points posting the service makes (thousands a second when awards arrive in bulk),
 * which it would otherwise read back one by one and in full, only to skip.
 */
@Configuration(proxyBeanMethods = false)
class OwnEventsFactory {

    static final String FACTORY = "ownEventsContainerFactory";

    @Bean(name = FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, InboundEvent> ownEventsContainerFactory(
            ConsumerFactory<String, InboundEvent> inboundEventConsumerFactory,
            KafkaTemplate<Object, Object> deadLetterTemplate, MessagingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, InboundEvent>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(
                inboundEventConsumerFactory.getConfigurationProperties(), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new SelectedEventsDeserializer(ElderReviewConcluded.class,
                        DeliberationDecided.class))));
        factory.setBatchListener(true);
        factory.setConcurrency(properties.concurrency());
        factory.setCommonErrorHandler(DeadLetters.errorHandler(deadLetterTemplate, properties.retryInterval(),
                properties.retries()));
        return factory;
    }
}
