package cn.township.intake.feedback;

import cn.township.intake.IntakeProperties;
import com.mongodb.client.MongoDatabase;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The delivery log, its sender, and a health detail counting failed deliveries. */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    @Bean
    FeedbackDeliveries feedbackDeliveries(MongoDatabase database, Clock clock) {
        return new FeedbackDeliveries(database, clock);
    }

    @Bean
    FeedbackSender feedbackSender(FeedbackDeliveries deliveries, IntakeProperties properties) {
        if (properties.feedback() == null || properties.feedback().url() == null) {
            throw new IllegalStateException("township.intake.feedback.url must be configured");
        }
        return new FeedbackSender(deliveries, properties.feedback());
    }

    @Bean
    HealthIndicator cityFeedbackHealthIndicator(FeedbackDeliveries deliveries) {
        return () -> {
            long failed = deliveries.count(FeedbackDeliveries.FAILED);
            return Health.up().withDetail("failedDeliveries", failed)
                    .withDetail("pendingDeliveries", deliveries.count(FeedbackDeliveries.PENDING)).build();
        };
    }
}
