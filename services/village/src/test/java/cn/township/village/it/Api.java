package cn.township.village.it;

import cn.township.contracts.EventJson;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** HTTP calls to the running service as a given caller (the identity headers the gateway relays). */
public final class Api {

    private final HttpClient client = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Who(String user, String roles, String village, String household) {
        Map<String, String> headers() {
            Map<String, String> h = new LinkedHashMap<>();
            h.put("X-User", user);
            h.put("X-Roles", roles);
            if (village != null) {
                h.put("X-Village", village);
            }
            if (household != null) {
                h.put("X-Household", household);
            }
            return h;
        }
    }

    public record Reply(int status, String contentType, JsonNode body, String raw) {
        public String rule() {
            return body.path("rule").asString();
        }
    }

    public static Who cadre(String village) {
        return new Who("cadre-" + village, "village-cadre", village, null);
    }

    public static Who elder(String name, String village, String household) {
        return new Who(name, "elder", village, household);
    }

    public static Who villager(String name, String village, String household) {
        return new Who(name, "villager", village, household);
    }

    public Reply get(Who who, String path) {
        return send(who, "GET", path, null, Map.of());
    }

    public Reply post(Who who, String path, String json) {
        return send(who, "POST", path, json, Map.of());
    }

    public Reply put(Who who, String path, String json) {
        return send(who, "PUT", path, json, Map.of());
    }

    public Reply send(Who who, String method, String path, String body, Map<String, String> extra) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (who != null) {
            who.headers().forEach(b::header);
        }
        extra.forEach(b::header);
        if (body != null && !extra.containsKey("Content-Type")) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
            String raw = r.body();
            JsonNode node = raw == null || raw.isBlank() ? EventJson.mapper().createObjectNode()
                    : EventJson.mapper().readTree(raw);
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), node, raw);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
