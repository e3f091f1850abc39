package cn.township.gateway.token;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.web.server.authentication.ServerBearerTokenAuthenticationConverter;
import org.springframework.security.web.server.authentication.ServerAuthenticationConverter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The regex-free checks answer as Spring Security's bearer token converter and firewall patterns do. */
class HeaderSyntaxTest {

    private static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl-_~+/";

    @Test
    void sameOutcomeAsSpringSecuritysConverter() {
        List<String> headers = new ArrayList<>(List.of("Bearer " + JWT, "bearer " + JWT, "BEARER " + JWT,
                "Bearer " + JWT + "==", "Bearer abc=", "Bearer ", "Bearer", "Bearer  " + JWT, "Bearer " + JWT + " ",
                "Bearer a=b", "Bearer =", "Bearer ab$c", "Bearer é", "Basic dXNlcjpwYXNz", "Bearerx " + JWT,
                "Token " + JWT, "Bearer a.b.c"));
        for (char c = 33; c < 256; c++) {
            headers.add("Bearer a" + c + "b");
        }
        ServerAuthenticationConverter spring = new ServerBearerTokenAuthenticationConverter();
        ServerAuthenticationConverter ours = new HeaderSyntax.BearerConverter();
        for (String header : headers) {
            assertThat(outcome(ours, header)).as("Authorization: %s", header).isEqualTo(outcome(spring, header));
        }
        assertThat(outcome(ours, null)).isEqualTo("no token");
        assertThat(outcome(ours, "Bearer " + JWT)).isEqualTo("token " + JWT);
        assertThat(outcome(ours, "Bearer ab$c")).isEqualTo("rejected: Bearer token is malformed");
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

    private static String outcome(ServerAuthenticationConverter converter, String authorization) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/intake/ping");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            var authentication = converter.convert(MockServerWebExchange.from(request)).block();
            return authentication == null ? "no token"
                    : "token " + ((BearerTokenAuthenticationToken) authentication).getToken();
        } catch (OAuth2AuthenticationException e) {
            return "rejected: " + e.getError().getDescription();
        }
    }
}
