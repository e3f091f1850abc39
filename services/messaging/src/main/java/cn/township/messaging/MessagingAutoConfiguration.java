package cn.township.messaging;

import cn.township.messaging.consume.CloudEventDeserializer;
import cn.township.messaging.consume.DeadLetters;
import cn.township.messaging.consume.InboundEvent;
import cn.township.messaging.health.KafkaHealthIndicator;
import cn.township.messaging.health.MongoPingHealthIndicator;
import cn.township.messaging.outbox.OutboxRelay;
import cn.township.messaging.time.ShiftedClock;
import cn.township.messaging.trace.TraceparentFilter;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoProperties;
import org.springframework.boot.mongodb.autoconfigure.health.MongoHealthContributorAutoConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.core.env.Environment;

import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * What every service gets from this library: its MongoDB database, the outbox relay with an idempotent
 * producer, a listener container factory that reads CloudEvents and dead-letters poison, health for Kafka
 * and MongoDB, and trace propagation from HTTP into events.
 */
@AutoConfiguration(after = MongoAutoConfiguration.class,
        before = {KafkaAutoConfiguration.class, MongoHealthContributorAutoConfiguration.class})
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

    /** Name of the listener container factory that delivers a whole poll at once. */
    public static final String BATCH_LISTENER_FACTORY = "batchListenerContainerFactory";

    /** The system clock; with {@code township.clock.offset-file} (the local platform) a {@link ShiftedClock}. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(Environment environment) {
        String file = environment.getProperty("township.clock.offset-file");
        return file == null || file.isBlank() ? Clock.systemUTC() : new ShiftedClock(Path.of(file));
    }

    @Bean
    @ConditionalOnMissingBean
    MongoDatabase mongoDatabase(MongoClient client, MongoProperties properties,
                                @Value("${spring.application.name:township}") String application) {
        String database = properties.getDatabase();
        if (database == null && properties.getUri() != null) {
            database = new ConnectionString(properties.getUri()).getDatabase();
        }
        return client.getDatabase(database != null ? database : application);
    }

    @Bean(destroyMethod = "close")
    Producer<String, byte[]> outboxProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    @Bean
    OutboxRelay outboxRelay(Producer<String, byte[]> outboxProducer, MessagingProperties properties, Clock clock,
                            @Value("${spring.application.name:township}") String application) {
        String source = properties.source() != null ? properties.source() : "/township/" + application;
        return new OutboxRelay(outboxProducer, source, new OutboxRelay.Settings(properties.relaySweepInterval(),
                properties.relayBatchSize(), java.time.Duration.ofSeconds(30), properties.relayMaxSweepInterval()), clock);
    }

    @Bean
    ConsumerFactory<String, InboundEvent> inboundEventConsumerFactory(KafkaProperties kafka,
            @Value("${spring.application.name:township}") String application) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, application);
        config.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new DefaultKafkaConsumerFactory<>(config, new StringDeserializer(),
                new ErrorHandlingDeserializer<>(new CloudEventDeserializer()));
    }

    @Bean
    KafkaTemplate<Object, Object> deadLetterTemplate(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildProducerProperties());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "dead-letters");
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config,
                new org.apache.kafka.common.serialization.Serializer<Object>() {
                    private final StringSerializer strings = new StringSerializer();

                    @Override
                    public byte[] serialize(String topic, Object data) {
                        return data == null ? null : strings.serialize(topic, data.toString());
                    }
                }, new DeadLetters.ValueSerializer()));
    }

    @Bean(name = "kafkaListenerContainerFactory")
    ConcurrentKafkaListenerContainerFactory<String, InboundEvent> kafkaListenerContainerFactory(
            ConsumerFactory<String, InboundEvent> inboundEventConsumerFactory,
            KafkaTemplate<Object, Object> deadLetterTemplate, MessagingProperties properties) {
        var factory = new ConcurrentKafkaListenerContainerFactory<String, InboundEvent>();
        factory.setConsumerFactory(inboundEventConsumerFactory);
        factory.setConcurrency(properties.concurrency());
        factory.setCommonErrorHandler(DeadLetters.errorHandler(deadLetterTemplate, properties.retryInterval(),
                properties.retries()));
        return factory;
    }

    /**
     * The same consumer settings, retries and dead-letter topic, handing a listener a whole poll at once (for
     * high-volume topics written in bulk). A listener that meets a record it cannot handle throws
     * {@code BatchListenerFailedException} naming it: the records before it are committed, it is retried and then
     * dead-lettered, and the rest of the batch is delivered again.
     */
    @Bean(name = BATCH_LISTENER_FACTORY)
    @ConditionalOnMissingBean(name = BATCH_LISTENER_FACTORY)
    ConcurrentKafkaListenerContainerFactory<String, InboundEvent> batchListenerContainerFactory(
            ConsumerFactory<String, InboundEvent> inboundEventConsumerFactory,
            KafkaTemplate<Object, Object> deadLetterTemplate, MessagingProperties properties) {
        var factory = kafkaListenerContainerFactory(inboundEventConsumerFactory, deadLetterTemplate, properties);
        factory.setBatchListener(true);
        return factory;
    }

    @Bean(destroyMethod = "close")
    Admin kafkaHealthAdmin(KafkaAdmin kafkaAdmin) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("client.id", "health");
        return Admin.create(config);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(Admin kafkaHealthAdmin) {
        return new KafkaHealthIndicator(kafkaHealthAdmin);
    }

    @Bean(name = "mongoHealthIndicator")
    MongoPingHealthIndicator mongoHealthIndicator(MongoDatabase database) {
        return new MongoPingHealthIndicator(database);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    FilterRegistrationBean<TraceparentFilter> traceparentFilter() {
        FilterRegistrationBean<TraceparentFilter> registration = new FilterRegistrationBean<>(new TraceparentFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
