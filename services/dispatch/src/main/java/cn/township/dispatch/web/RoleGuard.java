package cn.township.dispatch.web;

import cn.township.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Checks an endpoint's {@link Allowed} roles against the token's before anything else of the request is read,
 * so a role that may never call it gets 403 whatever the body, the path or the record. A dispatch endpoint
 * without {@link Allowed} is refused too: forgetting it closes the endpoint rather than opening it.
 */
final class RoleGuard implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method) {
            Allowed allowed = method.getMethodAnnotation(Allowed.class);
            if (allowed == null) {
                throw new AccessDeniedException("this endpoint declares no roles, so nobody may call it");
            }
            Caller.current().requireAnyRole(allowed.value());
        }
        return true;
    }
}
