package cn.township.dispatch;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The dispatch service: cases: sign-off, routing, deadlines, whistles, hand-down, escalation, supervision. */
@SpringBootApplication
@EnableConfigurationProperties(DispatchProperties.class)
public class DispatchApplication {

    public static void main(String[] args) {
        SpringApplication.run(DispatchApplication.class, args);
    }
}
