package cn.township.gateway;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;

/** A small HTTP service standing in for the township services: records what reaches it, answers 200 JSON. */
public final class StubBackend implements AutoCloseable {

    /** One request as the backend saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, long bodyBytes) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedDeque<Seen> seen = new ConcurrentLinkedDeque<>();
    private final boolean record;

    public StubBackend(boolean record) throws IOException {
        this.record = record;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 512);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The request that carried this X-Request-Id. */
    public Optional<Seen> withRequestId(String requestId) {
        return seen.stream().filter(s -> requestId.equals(s.header("X-Request-Id"))).findFirst();
    }

    public Optional<Seen> last() {
        return Optional.ofNullable(seen.peekLast());
    }

    private void handle(HttpExchange exchange) throws IOException {
        long bytes;
        try (InputStream body = exchange.getRequestBody()) {
            bytes = body.transferTo(java.io.OutputStream.nullOutputStream());
        }
        if (record) {
            seen.add(new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    Map.copyOf(exchange.getRequestHeaders()), bytes));
        }
        byte[] response = ("{\"ok\":true,\"path\":\"" + exchange.getRequestURI().getPath() + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, response.length);
        exchange.getResponseBody().write(response);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
