package cn.township.dispatch.it;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Calls the service over HTTP as a given demo user, with a real token of the realm (as the gateway relays it). */
public final class Api {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** The headers of a request as a demo user of the realm: a real bearer token, nothing else. */
    public static Map<String, String> as(String demoUser) {
        return bearer(Users.token(demoUser));
    }

    /** As the hotline client's service account. */
    public static Map<String, String> asHotline() {
        return bearer(Users.hotline());
    }

    public static Map<String, String> bearer(String token) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Authorization", "Bearer " + token);
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
