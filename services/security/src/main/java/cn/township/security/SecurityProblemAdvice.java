package cn.township.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import java.net.URI;

/**
 * Security exceptions thrown inside controllers ({@link Caller#requireAnyRole}, {@code @PreAuthorize}) become
 * 403/401 problem+json before any service-wide catch-all handler can turn them into a 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityProblemAdvice {

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.FORBIDDEN, ProblemAccessDeniedHandler.detail(e), request);
        if (e instanceof Refused refused) {
            problem.setProperty("rule", refused.rule());
        }
        return problem;
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthorized(AuthenticationException e, HttpServletRequest request) {
        return problem(HttpStatus.UNAUTHORIZED, ProblemAuthenticationEntryPoint.detail(e), request);
    }

    private static ProblemDetail problem(HttpStatus status, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setInstance(URI.create(request.getRequestURI()));
        return problem;
    }
}
