package cn.township.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import java.io.IOException;

/**
 * 401 as problem+json (with the standard {@code WWW-Authenticate: Bearer ...} header), and 503 when the token
 * could not be checked because Keycloak's keys could not be fetched.
 */
final class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint, AuthenticationFailureHandler {

    private final BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof AuthenticationServiceException) {
            response.setHeader("Retry-After", "5");
            Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE,
                    "the bearer token could not be checked: the identity provider did not answer (" + e.getMessage() + ")");
            return;
        }
        bearer.commence(request, response, e);
        Problems.write(request, response, HttpStatus.UNAUTHORIZED, detail(e));
    }

    @Override
    public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
                                        AuthenticationException e) throws IOException {
        commence(request, response, e);
    }

    static String detail(AuthenticationException e) {
        if (e instanceof InvalidBearerTokenException) {
            return "the bearer token was rejected: " + e.getMessage();
        }
        if (e.getMessage() != null && e.getMessage().startsWith("the bearer token")) {
            return e.getMessage();
        }
        return "this needs a valid bearer token (Authorization: Bearer <access token of the Keycloak realm township>)";
    }
}
