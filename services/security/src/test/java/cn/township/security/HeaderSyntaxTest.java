package cn.township.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The regex-free checks give the same answers as Spring Security's defaults they replace. */
class HeaderSyntaxTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/";

    @Test
    void bearerTokensResolveAsSpringSecuritysResolverDoes() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
                "Bearer " + JWT + "==", "Bearer abc=", "Bearer ", "Bearer", "Bearer  " + JWT, "Bearer " + JWT + " ",
                "Bearer a=b", "Bearer =", "Bearer ab$c", "Bearer é", "Bearer\t" + JWT, "Basic dXNlcjpwYXNz",
                "Bearerx " + JWT, "Bear " + JWT, "", "Token " + JWT, "Bearer a.b.c"));
        for (char c = 0; c < 256; c++) {
            headers.add("Bearer a" + c + "b");
        }
        BearerTokenResolver spring = new DefaultBearerTokenResolver();
        BearerTokenResolver ours = new HeaderSyntax.Resolver();
        for (String header : headers) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
            request.addHeader("Authorization", header);
            assertThat(outcome(ours, request)).as("Authorization: %s", header).isEqualTo(outcome(spring, request));
        }
        assertThat(outcome(ours, new MockHttpServletRequest("GET", "/api/x"))).isEqualTo("no token");
        assertThat(outcome(ours, request("Bearer " + JWT))).isEqualTo("token " + JWT);
        assertThat(outcome(ours, request("Bearer ab$c"))).isEqualTo("rejected: Bearer token is malformed");
    }

    @Test
    void headerValuesAreCheckedAsTheFirewallsPatternDoes() {
        Pattern spring = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
        List<String> values = new ArrayList<>(List.of("", "application/json", "Bearer " + JWT, "村民 议事", "😀 ok",
                "\uD83D", "a\uDFFFb", "\u0378", "tab\there", "line\nbreak", "del\u007f", "nbsp\u00a0"));
        for (int c = 0; c < 0x3000; c++) {
            values.add("x" + (char) c);
        }
        for (String value : values) {
            assertThat(HeaderSyntax.assignedNonControl(value)).as("%s", value.codePoints().boxed().toList())
                    .isEqualTo(spring.matcher(value).matches());
        }
        assertThat(HeaderSyntax.assignedNonControl("line\nbreak")).isFalse();
        assertThat(HeaderSyntax.assignedNonControl(null)).as("an absent header").isTrue();
    }

    private static MockHttpServletRequest request(String authorization) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/x");
        request.addHeader("Authorization", authorization);
        return request;
    }

    private static String outcome(BearerTokenResolver resolver, MockHttpServletRequest request) {
        try {
            String token = resolver.resolve(request);
            return token == null ? "no token" : "token " + token;
        } catch (OAuth2AuthenticationException e) {
            return "rejected: " + e.getError().getDescription();
        }
    }
}
