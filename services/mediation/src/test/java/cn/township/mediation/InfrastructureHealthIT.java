package cn.township.mediation;

import cn.township.infra.testing.ServiceHealth;
import cn.township.infra.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import cn.township.mediation.support.Api;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts against real Kafka and MongoDB and reports both UP in its health. */
@ServiceIntegrationTest
class InfrastructureHealthIT {

    @DynamicPropertySource
    static void realm(DynamicPropertyRegistry registry) {
        Api.realm(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void healthShowsKafkaAndMongoUp() throws Exception {
        ServiceHealth.assertKafkaAndMongoUp(port);
    }
}
