package cn.township.e2e;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The endpoints the services publish in their OpenAPI documents, read through the gateway (/openapi/<service>). */
final class OpenApi {

    static final List<String> SERVICES = List.of("intake", "dispatch", "mediation", "village");
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");

    /** One operation: method (upper case) and path template as documented, e.g. {@code GET /api/dispatch/cases/{id}}. */
    record Endpoint(String service, String method, String path) {
        String key() {
            return method + " " + path;
        }
    }

    private OpenApi() {
    }

    static List<Endpoint> endpoints() {
        List<Endpoint> all = new ArrayList<>();
        for (String service : SERVICES) {
            Platform.Reply document = Platform.get(null, "/openapi/" + service);
            if (document.status() != 200) {
                throw new AssertionError("the OpenAPI document of " + service + " is not served: " + document);
            }
            JsonNode paths = document.json().path("paths");
            for (String path : paths.propertyNames()) {
                for (String method : paths.path(path).propertyNames()) {
                    if (METHODS.contains(method)) {
                        all.add(new Endpoint(service, method.toUpperCase(Locale.ROOT), path));
                    }
                }
            }
        }
        return all;
    }
}
