package cn.township.intake;

import cn.township.infra.testing.ServiceHealth;
import cn.township.infra.testing.ServiceIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The service starts against real Kafka and MongoDB and reports both UP in its health. */
@ServiceIntegrationTest
class InfrastructureHealthIT {

    @LocalServerPort
    int port;

    @Test
    void healthShowsKafkaAndMongoUp() throws Exception {
        ServiceHealth.assertKafkaAndMongoUp(port);
    }
}
