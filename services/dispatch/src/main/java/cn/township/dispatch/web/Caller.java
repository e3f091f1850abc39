package cn.township.dispatch.web;

import cn.township.dispatch.caserecord.Officer;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * THE one place the caller's identity comes from: for now the headers {@code X-User}, {@code X-Roles}
 * (comma-separated), {@code X-Department}, {@code X-Agency}, {@code X-Village} set by the gateway. To move to
 * JWTs, build the {@link Officer} from the token's claims here ({@code preferred_username}, {@code roles},
 * {@code department}, {@code agency}, {@code village}); nothing else changes.
 */
final class Caller implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == Officer.class;
    }

    @Override
    public Officer resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest web,
                                   WebDataBinderFactory binders) {
        HttpServletRequest request = web.getNativeRequest(HttpServletRequest.class);
        String user = header(request, "X-User");
        if (user == null) {
            throw new Unauthenticated();
        }
        String roles = header(request, "X-Roles");
        Set<String> set = roles == null ? Set.of() : Arrays.stream(roles.split(",")).map(String::strip)
                .filter(r -> !r.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new Officer(user, set, header(request, "X-Department"), header(request, "X-Agency"),
                header(request, "X-Village"));
    }

    private static String header(HttpServletRequest request, String name) {
        String value = request == null ? null : request.getHeader(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** No identity on the request. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated() {
            super("sign in first: the request carries no identity");
        }
    }
}
