package cn.township.mediation;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The mediation service: the mediation team, round-table sessions, rounds and agreements. */
@SpringBootApplication
public class MediationApplication {

    public static void main(String[] args) {
        SpringApplication.run(MediationApplication.class, args);
    }
}
