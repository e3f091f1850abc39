package cn.township.dispatch.it;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls the service over HTTP as a given officer (identity headers, as the gateway will relay them). */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public static Map<String, String> as(String user, String roles, String... attributes) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-User", user);
        h.put("X-Roles", roles);
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            h.put(attributes[i], attributes[i + 1]);
        }
        return h;
    }

    public Reply get(String path, Map<String, String> headers) {
        return send("GET", path, null, "application/json", headers);
    }

    public Reply post(String path, String json, Map<String, String> headers) {
        return send("POST", path, json, "application/json", headers);
    }

    public Reply send(String method, String path, String body, String contentType, Map<String, String> headers) {
        var b = HttpRequest.newBuilder(URI.create(base + path)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""),
                    r.headers().firstValue("ETag").orElse(null), r.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    public record Reply(int status, String contentType, String etag, String body) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public String text(String field) {
            JsonNode n = json().path(field);
            return n.isMissingNode() || n.isNull() ? null : n.asString();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
