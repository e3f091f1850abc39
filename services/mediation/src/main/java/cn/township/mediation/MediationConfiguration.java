package cn.township.mediation;

import cn.township.mediation.scheduling.RequiredRoles;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Settings and the reminder schedule. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MediationProperties.class)
@EnableScheduling
class MediationConfiguration {

    @Bean
    RequiredRoles requiredRoles(MediationProperties properties) {
        return properties.roles();
    }
}
