package cn.township.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** The intake service: tickets from 12345, grid workers and Open311: validation, de-duplication, classification, feedback to the city. */
@SpringBootApplication
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
