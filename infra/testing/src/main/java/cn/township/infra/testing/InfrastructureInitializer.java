package cn.township.infra.testing;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;
import java.util.UUID;

/**
 * Points a Spring Boot test at the shared test Kafka and MongoDB; each application context gets a database
 * of its own, so test classes do not see each other's data.
 */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String application = context.getEnvironment().getProperty("spring.application.name", "test");
        String database = application + "-" + UUID.randomUUID().toString().substring(0, 8);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-infrastructure", Map.of(
                "spring.kafka.bootstrap-servers", TestInfrastructure.kafkaBootstrapServers(),
                "spring.mongodb.uri", TestInfrastructure.mongoUri(database))));
    }
}
