package cn.township.mediation.web;

import cn.township.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Checks {@link AllowedRoles} of this service's endpoints against the verified token before the handler's
 * arguments are read (403 problem+json through the security library's advice). An endpoint of this service
 * without the annotation is refused: a new endpoint is closed until someone decides who may call it.
 */
@Configuration(proxyBeanMethods = false)
class RoleGate implements WebMvcConfigurer, HandlerInterceptor {

    private static final String OWN_PACKAGE = "cn.township.mediation.";

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this);
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod method && method.getBeanType().getName().startsWith(OWN_PACKAGE)) {
            AllowedRoles allowed = method.getMethodAnnotation(AllowedRoles.class);
            if (allowed == null) {
                throw new AccessDeniedException("no access rule for " + request.getMethod() + " "
                        + request.getRequestURI());
            }
            Caller.current().requireAnyRole(allowed.value());
        }
        return true;
    }
}
