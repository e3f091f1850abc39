package cn.township.gateway.token;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The header checks every request goes through, as plain loops: Spring Security's bearer token converter and its
 * firewall match regular expressions, over the whole ~1.5 KB access token among others, on every request. Same
 * answers (the services' security library applies the same rules): {@code Authorization: Bearer <b64token>}
 * (RFC 6750, scheme case-insensitive; no token for another scheme or none, invalid_token "Bearer token is malformed"
 * for a Bearer header whose token has other characters) and header names and values of assigned, non-control
 * characters.
 */
final class HeaderSyntax {

    private static final String BEARER = "Bearer ";

    private HeaderSyntax() {
    }

    /** The bearer token of the {@code Authorization} header as an authentication request. */
    static final class BearerConverter implements ServerAuthenticationConverter {
        @Override
        public Mono<Authentication> convert(ServerWebExchange exchange) {
            try {
                String token = token(exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION));
                return token == null ? Mono.empty() : Mono.just(new BearerTokenAuthenticationToken(token));
            } catch (OAuth2AuthenticationException e) {
                return Mono.error(e);
            }
        }
    }

    /** Spring Security's firewall with its default rules, the header and parameter name checks without the regex. */
    static StrictServerWebExchangeFirewall firewall() {
        StrictServerWebExchangeFirewall firewall = new StrictServerWebExchangeFirewall();
        firewall.setAllowedHeaderNames(HeaderSyntax::assignedNonControl);
        firewall.setAllowedHeaderValues(HeaderSyntax::assignedNonControl);
        firewall.setAllowedParameterNames(HeaderSyntax::assignedNonControl);
        return firewall;
    }

    /** Every character assigned in Unicode and none a control character; an absent value passes (regex {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}). */
    static boolean assignedNonControl(@Nullable String s) {
        if (s == null) {
            return true; // an absent header or parameter (the firewall asks about those too)
        }
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            int type = Character.getType(cp);
            if (type == Character.UNASSIGNED || type == Character.CONTROL) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    static @Nullable String token(@Nullable String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length() - 1)) {
            return null;
        }
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()) || !b64token(authorization, BEARER.length())) {
            throw new OAuth2AuthenticationException(BearerTokenErrors.invalidToken("Bearer token is malformed"));
        }
        return authorization.substring(BEARER.length());
    }

    /** RFC 6750 b64token from {@code from} to the end: {@code 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="}. */
    static boolean b64token(String s, int from) {
        int i = from;
        while (i < s.length() && tokenChar(s.charAt(i))) {
            i++;
        }
        if (i == from) {
            return false;
        }
        while (i < s.length() && s.charAt(i) == '=') {
            i++;
        }
        return i == s.length();
    }

    private static boolean tokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }
}
