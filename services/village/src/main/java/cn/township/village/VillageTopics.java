package cn.township.village;

import cn.township.contracts.Topics;
import cn.township.messaging.MessagingProperties;
import cn.township.messaging.MessagingTopics;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;

/** The topics this service publishes and consumes, each with its dead-letter topic. */
@Configuration(proxyBeanMethods = false)
class VillageTopics {

    @Bean
    KafkaAdmin.NewTopics declaredTopics(MessagingProperties properties) {
        return MessagingTopics.withDeadLetters(properties.partitions(), Topics.VILLAGE_AFFAIRS, Topics.INTAKE_TICKETS, Topics.DISPATCH_CASES, Topics.MEDIATION_SESSIONS);
    }
}
