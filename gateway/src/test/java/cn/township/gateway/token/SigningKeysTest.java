package cn.township.gateway.token;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The gateway's signing keys against a small HTTP server standing in for Keycloak's certs endpoint. */
class SigningKeysTest {

    static final String ISSUER = "http://keycloak.test/realms/township";

    final AtomicInteger fetches = new AtomicInteger();
    final AtomicReference<String> served = new AtomicReference<>();
    /** While set, the certs endpoint holds each request until it is counted down (a Keycloak warming up). */
    final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    /** While true, the certs endpoint answers 503. */
    final AtomicBoolean failing = new AtomicBoolean();
    HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    String startCerts() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/certs", exchange -> {
            fetches.incrementAndGet();
            CountDownLatch latch = hold.get();
            try {
                if (latch != null && !latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held too long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (failing.get()) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            byte[] body = served.get().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/certs";
    }

    static RSAKey key(String kid) throws Exception {
        return new RSAKeyGenerator(2048).keyID(kid).generate();
    }

    static String token(RSAKey key, String subject) throws Exception {
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(ISSUER).audience("township-api").subject(subject)
                .expirationTime(Date.from(Instant.now().plusSeconds(300))).issueTime(new Date()).build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    ReactiveJwtDecoder decoder(SigningKeys keys) {
        return GatewaySecurity.decoder(keys, TokenChecks.validator(ISSUER, "township-api", Clock.systemUTC()));
    }

    @Test
    void requestsArrivingBeforeTheKeysShareOneFetch() throws Exception {
        RSAKey key = key("k1");
        served.set(new JWKSet(key.toPublicJWK()).toString());
        CountDownLatch release = new CountDownLatch(1);
        hold.set(release);
        SigningKeys keys = new SigningKeys(WebClient.create(), startCerts(), Duration.ofSeconds(10));
        ReactiveJwtDecoder decoder = decoder(keys);
        // 200 requests with 200 different tokens, all before Keycloak has answered once
        Mono<List<Jwt>> all = Flux.range(0, 200).flatMap(i -> {
            try {
                return decoder.decode(token(key, "user-" + i));
            } catch (Exception e) {
                return Mono.error(e);
            }
        }, 200).collectList().cache();
        all.subscribe();
        release.countDown();
        assertThat(all.block(Duration.ofSeconds(30))).hasSize(200);
        assertThat(fetches).hasValue(1);
    }

    @Test
    void aTokenSignedByANewKeyFetchesTheKeysAgainAtMostOncePerInterval() throws Exception {
        RSAKey old = key("old");
        RSAKey rotated = key("rotated");
        served.set(new JWKSet(old.toPublicJWK()).toString());
        SigningKeys keys = new SigningKeys(WebClient.create(), startCerts(), Duration.ZERO);
        ReactiveJwtDecoder decoder = decoder(keys);
        assertThat(decoder.decode(token(old, "a")).block().getSubject()).isEqualTo("a");
        served.set(new JWKSet(List.of(old.toPublicJWK(), rotated.toPublicJWK())).toString());
        assertThat(decoder.decode(token(rotated, "b")).block().getSubject()).isEqualTo("b");
        assertThat(fetches).hasValue(2);

        // with an interval, a token naming an unknown key within it is refused (401) without asking Keycloak again
        SigningKeys limited = new SigningKeys(WebClient.create(), "http://127.0.0.1:" + server.getAddress().getPort()
                + "/certs", Duration.ofMinutes(10));
        limited.fetch().block();
        int before = fetches.get();
        assertThatThrownBy(() -> decoder(limited).decode(token(key("forged"), "c")).block())
                .isInstanceOf(BadJwtException.class).hasRootCauseMessage("Signed JWT rejected: Another algorithm expected, or no matching key(s) found");
        assertThat(fetches).hasValue(before);
    }

    @Test
    void keysThatCannotBeFetchedGive503NotA500() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        SigningKeys down = new SigningKeys(WebClient.create(), "http://127.0.0.1:" + closedPort + "/certs",
                Duration.ofSeconds(10));
        RSAKey key = key("k1");
        AtomicReference<Throwable> error = new AtomicReference<>();
        assertThatThrownBy(() -> decoder(down).decode(token(key, "a")).block()).satisfies(error::set)
                .isInstanceOf(AuthenticationServiceException.class)
                .hasMessageContaining("signing keys could not be fetched");
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.get("/api/intake/v1/tickets"));
        new GatewaySecurity.ProblemEntryPoint().commence(exchange, (AuthenticationServiceException) error.get()).block();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getFirst("Retry-After")).isEqualTo("5");
        assertThat(exchange.getResponse().getHeaders().getContentType()).hasToString("application/problem+json");

    }

    @Test
    void aFailedFetchIsNotRememberedTheNextRequestTriesAgain() throws Exception {
        RSAKey key = key("k1");
        served.set(new JWKSet(key.toPublicJWK()).toString());
        failing.set(true);
        ReactiveJwtDecoder decoder = decoder(new SigningKeys(WebClient.create(), startCerts(), Duration.ofSeconds(10)));
        assertThatThrownBy(() -> decoder.decode(token(key, "a")).block()).isInstanceOf(AuthenticationServiceException.class);
        failing.set(false);
        assertThat(decoder.decode(token(key, "b")).block().getSubject()).isEqualTo("b");
        assertThat(fetches).hasValue(2);
    }
}
