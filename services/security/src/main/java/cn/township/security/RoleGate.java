package cn.township.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks {@link AllowedRoles} of the endpoint against the verified token before the handler's arguments are
 * resolved (403 problem+json through {@link SecurityProblemAdvice}). Under {@code /api/} an endpoint without the
 * annotation is refused; elsewhere (Open311, health, the OpenAPI document) the security filter chain decides.
 */
final class RoleGate implements HandlerInterceptor {

    static final String API = "/api/";

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        AllowedRoles allowed = method.getMethodAnnotation(AllowedRoles.class);
        if (allowed != null) {
            Caller.current().requireAnyRole(allowed.value());
        } else if (request.getRequestURI().startsWith(request.getContextPath() + API)) {
            throw new Refused("no-access-rule", "no access rule for " + request.getMethod() + " " + request.getRequestURI());
        }
        return true;
    }
}
