package cn.township.intake.support;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The city's 12345 feedback endpoint as a test peer (JDK HttpServer): answers 503 to the first
 * {@code failuresBeforeSuccess} posts of each idempotency key, 200 after; keys of tickets whose number
 * starts with {@code ALWAYS-FAIL} always get 503. Records every request.
 */
public final class FakeCity implements AutoCloseable {

    public record Received(String idempotencyKey, String contentType, String body, int answered) {
    }

    private final HttpServer server;
    private final int failuresBeforeSuccess;
    private final Map<String, AtomicInteger> seenPerKey = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public FakeCity(int failuresBeforeSuccess) {
        this.failuresBeforeSuccess = failuresBeforeSuccess;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/12345/feedback", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            int n = seenPerKey.computeIfAbsent(String.valueOf(key), k -> new AtomicInteger()).incrementAndGet();
            int status = body.contains("\"ticketNo\":\"ALWAYS-FAIL") || n <= failuresBeforeSuccess ? 503 : 200;
            received.add(new Received(key, exchange.getRequestHeaders().getFirst("Content-Type"), body, status));
            byte[] answer = (status == 200 ? "{\"ok\":true}" : "{\"error\":\"busy\"}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/12345/feedback";
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
