package cn.township.village.points;

import cn.township.village.config.VillageProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PointsConfiguration {

    @Bean
    PointsCatalogue pointsCatalogue(VillageProperties properties) {
        VillageProperties.Points points = properties.points();
        return new PointsCatalogue(points.rules(), points.items(), points.floor());
    }
}
