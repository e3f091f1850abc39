package cn.township.village;

import cn.township.village.config.VillageProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The village service: elders' council, villagers' review, deliberation, civility points, livelihood projects. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties(VillageProperties.class)
public class VillageApplication {

    public static void main(String[] args) {
        SpringApplication.run(VillageApplication.class, args);
    }
}
