package cn.township.gateway.token;

import cn.township.gateway.GatewayProperties;
import cn.township.gateway.edge.SecurityHeaders;
import cn.township.gateway.limits.BodySizeLimitFilter;
import cn.township.gateway.limits.RateLimitFilter;
import cn.township.gateway.problem.Problems;
import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The gateway as a reactive resource server: every request needs a valid Keycloak token of the realm
 * {@code township} (signature, expiry, issuer, audience {@code township-api}) except the configured public paths;
 * the token is relayed unchanged ({@code Authorization} is passed on), so each service checks it again and applies
 * roles and data scope. Signing keys are fetched in the background from the start: the gateway starts while Keycloak
 * is down and answers 503 while the keys cannot be fetched. Rate limits and body size limits run right after the token check.
 */
@Configuration(proxyBeanMethods = false)
class GatewaySecurity {

    /** Name of an optional {@link Clock} bean for token expiry checks (tests move it forward). */
    static final String TOKEN_CLOCK = "townshipTokenClock";
    private static final Duration KEY_FETCH_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration KEY_FETCH_RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    /** A token naming a key the gateway does not hold fetches the keys again, at most this often. */
    private static final Duration KEY_REFETCH_INTERVAL = Duration.ofSeconds(10);

    /** Keycloak's signing keys, fetched at start (see {@link SigningKeys}). */
    @Bean(destroyMethod = "stop")
    SigningKeys signingKeys(GatewayProperties properties, Environment environment) {
        SigningKeys keys = new SigningKeys(keyFetcher(), properties.jwkSet(issuer(properties, environment)),
                KEY_REFETCH_INTERVAL);
        keys.prefetch();
        return keys;
    }

    @Bean
    ReactiveJwtDecoder jwtDecoder(GatewayProperties properties, Environment environment, SigningKeys keys,
                                  @Qualifier(TOKEN_CLOCK) ObjectProvider<Clock> clock) {
        return decoder(keys, TokenChecks.validator(issuer(properties, environment), properties.audience(),
                clock.getIfAvailable(Clock::systemUTC)));
    }

    private static String issuer(GatewayProperties properties, Environment environment) {
        return properties.issuer(environment.getProperty("KEYCLOAK_ISSUER_URI"));
    }

    /** Verifies tokens against the keys and checks them with the validator; remembers verified tokens. */
    static ReactiveJwtDecoder decoder(SigningKeys keys, OAuth2TokenValidator<Jwt> validator) {
        NimbusReactiveJwtDecoder nimbus = NimbusReactiveJwtDecoder.withJwkSource(keys).build();
        nimbus.setJwtValidator(validator);
        // keys that could not be fetched come out of the decoder as an IllegalStateException: the entry point
        // answers 503 (with Retry-After) for an AuthenticationServiceException, not 500
        ReactiveJwtDecoder decoder = token -> nimbus.decode(token).onErrorMap(IllegalStateException.class,
                e -> new AuthenticationServiceException("the signing keys could not be fetched: " + reason(e), e));
        return new VerifiedTokenCache(decoder, validator, 10_000);
    }

    /**
     * The client that fetches Keycloak's signing keys: a Keycloak that does not answer fails the fetch (503 for the
     * requests waiting on it) within seconds instead of holding them, and the next request tries again.
     */
    private static WebClient keyFetcher() {
        HttpClient client = HttpClient.create()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) KEY_FETCH_CONNECT_TIMEOUT.toMillis())
                .responseTimeout(KEY_FETCH_RESPONSE_TIMEOUT);
        return WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /**
     * No observation around the security filters, the authentication or the authorization: nothing but health
     * leaves the gateway, and with observations merely disabled by predicate Spring Security still wraps every
     * filter of every request in a (no-op) observation decorator.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /** The default firewall rules, checked without regular expressions (see {@link HeaderSyntax}). */
    @Bean
    ServerWebExchangeFirewall firewall() {
        return HeaderSyntax.firewall();
    }

    @Bean
    SecurityWebFilterChain gatewayFilterChain(ServerHttpSecurity http, ReactiveJwtDecoder decoder,
                                              GatewayProperties properties) {
        ServerAuthenticationEntryPoint entryPoint = new ProblemEntryPoint();
        ServerAccessDeniedHandler denied = (exchange, e) -> Problems.write(exchange, HttpStatus.FORBIDDEN,
                "the token carries no role of the township platform (realm township roles, e.g. dispatcher)");
        return http
                .authorizeExchange(exchanges -> exchanges
                        .matchers(publicMatcher(properties.publicPaths())).permitAll()
                        .anyExchange().access(new PlatformRoles()))
                .oauth2ResourceServer(server -> server
                        .bearerTokenConverter(new HeaderSyntax.BearerConverter())
                        .jwt(jwt -> jwt.jwtDecoder(decoder))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(exceptions -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                // stateless: no WebSession per request to load or store a security context in
                .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
                .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
                .logout(ServerHttpSecurity.LogoutSpec::disable)
                .requestCache(ServerHttpSecurity.RequestCacheSpec::disable)
                // the same response headers as Spring Security's defaults, written without its per-response overhead
                .headers(ServerHttpSecurity.HeaderSpec::disable)
                .addFilterAt(new SecurityHeaders(), SecurityWebFiltersOrder.HTTP_HEADERS_WRITER)
                .addFilterAfter(new RateLimitFilter(properties.rateLimit()), SecurityWebFiltersOrder.AUTHORIZATION)
                .addFilterAfter(new BodySizeLimitFilter(properties.bodyLimit()), SecurityWebFiltersOrder.AUTHORIZATION)
                .build();
    }

    /**
     * Matches the public paths ({@code "GET /actuator/health"}, {@code "* /open311/v2/**"}, or a bare pattern for any
     * method) in one synchronous pass. Spring Security's own {@code OrServerWebExchangeMatcher} and path matchers
     * format a debug message per pattern per request whatever the log level (commons-logging's SLF4J bridge turns
     * the message into a string before it checks the level).
     */
    static ServerWebExchangeMatcher publicMatcher(List<String> publicPaths) {
        List<PublicPath> paths = publicPaths.stream().map(GatewaySecurity::publicPath).toList();
        return exchange -> {
            var request = exchange.getRequest();
            var path = request.getPath().pathWithinApplication();
            for (PublicPath p : paths) {
                if ((p.method() == null || p.method().equals(request.getMethod())) && p.pattern().matches(path)) {
                    return ServerWebExchangeMatcher.MatchResult.match();
                }
            }
            return ServerWebExchangeMatcher.MatchResult.notMatch();
        };
    }

    private record PublicPath(@Nullable HttpMethod method, PathPattern pattern) {
    }

    private static PublicPath publicPath(String entry) {
        String[] parts = entry.trim().split("\\s+", 2);
        if (parts.length == 1) {
            return new PublicPath(null, PathPatternParser.defaultInstance.parse(parts[0]));
        }
        return new PublicPath(parts[0].equals("*") ? null : HttpMethod.valueOf(parts[0]),
                PathPatternParser.defaultInstance.parse(parts[1]));
    }

    /** The exception's message, with the root cause's when that says more (e.g. "Invalid signature"). */
    static String reason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = String.valueOf(e.getMessage());
        return root == e || root.getMessage() == null || message.contains(root.getMessage()) ? message
                : message + " (" + root.getMessage() + ")";
    }

    /** RFC 6750 challenge: {@code Bearer}, with the error code and description when a token was rejected. */
    static String wwwAuthenticate(AuthenticationException e) {
        if (e instanceof OAuth2AuthenticationException oauth) {
            String description = oauth.getError().getDescription();
            return "Bearer error=\"" + oauth.getError().getErrorCode() + "\""
                    + (description == null ? "" : ", error_description=\"" + description.replace('"', '\'') + "\"");
        }
        return "Bearer";
    }

    /** 401 problem+json with the standard WWW-Authenticate header; 503 when the keys could not be fetched. */
    static final class ProblemEntryPoint implements ServerAuthenticationEntryPoint {

        @Override
        public Mono<Void> commence(org.springframework.web.server.ServerWebExchange exchange, AuthenticationException e) {
            if (e instanceof AuthenticationServiceException) {
                exchange.getResponse().getHeaders().set("Retry-After", "5");
                return Problems.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
                        "the bearer token could not be checked: the identity provider did not answer");
            }
            String detail = e instanceof InvalidBearerTokenException ? "the bearer token was rejected: " + reason(e)
                    : "this needs a valid bearer token (Authorization: Bearer <access token of the Keycloak realm township>)";
            exchange.getResponse().getHeaders().set("WWW-Authenticate", wwwAuthenticate(e));
            return Problems.write(exchange, HttpStatus.UNAUTHORIZED, detail);
        }
    }
}
