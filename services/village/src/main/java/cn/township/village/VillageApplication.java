package cn.township.village;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The village service: elders' council, villagers' review, deliberation, civility points, livelihood projects. */
@SpringBootApplication
public class VillageApplication {

    public static void main(String[] args) {
        SpringApplication.run(VillageApplication.class, args);
    }
}
