package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Officer;
import cn.township.security.Caller;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * THE one place the caller's identity comes from: the verified Keycloak token, read by the security library
 * ({@link Caller#current()}). An {@link Officer} parameter of a controller method is that caller as the case
 * rules see it. A request without a valid token never gets here (the filter chain answers 401).
 */
final class Officers implements HandlerMethodArgumentResolver {

    static Officer of(Caller c) {
        return new Officer(c.username(), c.roles(), c.department(), c.agency(), c.village());
    }

    /** The officer as the security library's {@link Caller} (for {@link cn.township.security.Pii}). */
    static Caller caller(Officer o) {
        return new Caller(o.name(), o.roles(), o.village(), o.department(), o.agency(), null, null);
    }

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Officer.class;
    }

    @Override
    public Officer resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
                                   WebDataBinderFactory binders) {
        return of(Caller.current());
    }
}
