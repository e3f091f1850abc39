package cn.township.security.test;

import cn.township.infra.testing.TestInfrastructure;

/**
 * The realm tests use: {@link TestInfrastructure#keycloakIssuer()} (a Keycloak started for this test JVM), or an
 * already running realm named by {@code -Dtownship.test.keycloak-issuer=http://127.0.0.1:8180/realms/township}
 * (saves the minute-long start on a busy machine; it must be the same imported realm).
 */
public final class TestRealm {

    private TestRealm() {
    }

    public static String issuer() {
        String running = System.getProperty("township.test.keycloak-issuer");
        return running != null && !running.isBlank() ? running : TestInfrastructure.keycloakIssuer();
    }
}
