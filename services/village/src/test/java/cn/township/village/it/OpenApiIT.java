package cn.township.village.it;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v3/api-docs} is public and lists every endpoint the service's controllers map, with its method. */
class OpenApiIT extends VillageItSupport {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    /** "METHOD /path" of every operation in the service's OpenAPI document, fetched without a token. */
    static Set<String> documented(Api api) {
        Api.Reply docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        Set<String> operations = new LinkedHashSet<>();
        JsonNode paths = docs.body().path("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.path(path).propertyNames()) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        return operations;
    }

    @Test
    void everyControllerEndpointIsDocumentedWithItsMethod() {
        Set<String> mapped = new LinkedHashSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            if (handler.getBeanType().getPackageName().startsWith("cn.township.village")) {
                for (String pattern : info.getPatternValues()) {
                    info.getMethodsCondition().getMethods().forEach(m -> mapped.add(m.name() + " " + pattern));
                }
            }
        });
        assertThat(mapped).hasSizeGreaterThanOrEqualTo(26);
        assertThat(documented(api)).containsExactlyInAnyOrderElementsOf(mapped);
    }

    @Test
    void theDocumentDoesNotAskForTheCallerAsARequestParameter() {
        Api.Reply docs = api.get(null, "/v3/api-docs");
        assertThat(docs.raw()).doesNotContain("\"name\":\"caller\"");
        assertThat(docs.body().path("components").path("securitySchemes").path("bearer").path("scheme").asString())
                .isEqualTo("bearer");
    }
}
