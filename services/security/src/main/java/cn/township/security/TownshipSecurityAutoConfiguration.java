package cn.township.security;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.time.Clock;
import java.util.List;

/**
 * Makes a servlet service an OAuth2 resource server of the Keycloak realm {@code township}: every request but
 * health, the OpenAPI document and {@code township.security.public-paths} needs a valid bearer token (signature from the realm's keys,
 * not expired, issuer and audience {@code township-api}); roles become {@code ROLE_<role>} authorities;
 * {@link Caller} parameters are resolved from the token; 401/403 are problem+json. Every endpoint under
 * {@code /api/} declares its roles with {@link AllowedRoles} (checked by {@link RoleGate} before the request is read);
 * data scope is the endpoint's own check.
 *
 * <p>The signing keys are fetched on the first request that carries a token, so the service starts while Keycloak
 * is still down; a request arriving while the keys cannot be fetched gets 503.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(TownshipSecurityProperties.class)
@EnableWebSecurity
@EnableMethodSecurity
@Import(SecurityProblemAdvice.class)
public class TownshipSecurityAutoConfiguration {

    /** Name of an optional {@link Clock} bean used for token expiry checks (tests move it forward). */
    public static final String TOKEN_CLOCK = "townshipTokenClock";

    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(TownshipSecurityProperties properties, Environment environment,
                          @Qualifier(TOKEN_CLOCK) ObjectProvider<Clock> tokenClock) {
        String issuer = properties.issuer(environment.getProperty("KEYCLOAK_ISSUER_URI"));
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSet(issuer)).build();
        var validator = TokenValidation.validator(issuer, properties.audience(), properties.clockSkew(),
                tokenClock.getIfAvailable(Clock::systemUTC));
        decoder.setJwtValidator(validator);
        return new VerifiedTokenCache(decoder, validator, 10_000);
    }

    /**
     * No observation around the security filters, the authentication or the authorization: the services export
     * no metrics or traces (health only), and with observations merely off Spring Security still wraps every filter
     * of every request in a no-op observation decorator.
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    @ConditionalOnMissingBean
    SecurityFilterChain townshipSecurityFilterChain(HttpSecurity http, JwtDecoder decoder,
                                                    TownshipSecurityProperties properties) {
        ProblemAuthenticationEntryPoint entryPoint = new ProblemAuthenticationEntryPoint();
        ProblemAccessDeniedHandler denied = new ProblemAccessDeniedHandler();
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(properties.allPublicPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .bearerTokenResolver(new HeaderSyntax.Resolver())
                        .jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(TokenValidation.authenticationConverter()))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler(entryPoint);
                                return filter;
                            }
                        }))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.disable())
                .formLogin(form -> form.disable())
                .logout(logout -> logout.disable())
                .requestCache(cache -> cache.disable());
        return http.build();
    }

    /** Spring Security's firewall with its default rules, checked without regular expressions (see {@link HeaderSyntax}). */
    @Bean
    @ConditionalOnMissingBean
    HttpFirewall townshipFirewall() {
        return HeaderSyntax.firewall();
    }

    @Bean
    WebMvcConfigurer townshipCallerResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CallerArgumentResolver());
            }

            @Override
            public void addInterceptors(InterceptorRegistry registry) {
                registry.addInterceptor(new RoleGate());
            }
        };
    }
}
