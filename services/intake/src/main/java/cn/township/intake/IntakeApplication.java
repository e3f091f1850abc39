package cn.township.intake;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The intake service: tickets from 12345, grid workers and Open311: validation, de-duplication, classification, feedback to the city. */
@SpringBootApplication
public class IntakeApplication {

    public static void main(String[] args) {
        SpringApplication.run(IntakeApplication.class, args);
    }
}
