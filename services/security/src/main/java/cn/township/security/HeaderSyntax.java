package cn.township.security;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The header checks every request goes through, written as plain loops: Spring Security's defaults use regular
 * expressions, which over a 1.5 KB access token were a measurable part of a light request's CPU. The rules are the
 * same: {@code Authorization: Bearer <b64token>} (RFC 6750, scheme case-insensitive) and header names and values
 * made of assigned, non-control characters.
 */
final class HeaderSyntax {

    private static final String BEARER = "Bearer ";

    private HeaderSyntax() {
    }

    /** The bearer token of the {@code Authorization} header; no token (null) for another scheme or none. */
    static final class Resolver implements BearerTokenResolver {
        @Override
        public @Nullable String resolve(HttpServletRequest request) {
            return bearerToken(request.getHeader(HttpHeaders.AUTHORIZATION));
        }
    }

    /** As {@link org.springframework.security.web.firewall.StrictHttpFirewall}'s defaults, without the regex. */
    static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(HeaderSyntax::assignedNonControl);
        firewall.setAllowedHeaderValues(HeaderSyntax::assignedNonControl);
        firewall.setAllowedParameterNames(HeaderSyntax::assignedNonControl);
        return firewall;
    }

    /**
     * The token of {@code Bearer <token>}; null when the header is absent or names another scheme.
     *
     * @throws OAuth2AuthenticationException invalid_token when the scheme is Bearer but the token is malformed
     */
    static @Nullable String bearerToken(@Nullable String authorization) {
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
}
