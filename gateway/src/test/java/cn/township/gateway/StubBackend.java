package cn.township.gateway;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A small HTTP service standing in for the township services (a Reactor Netty server on a free port): records
 * what reaches it and answers 200 JSON.
 */
public final class StubBackend implements AutoCloseable {

    /** One request as the backend saw it. */
    public record Seen(String method, String path, Map<String, List<String>> headers, long bodyBytes) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }
    }

    private final DisposableServer server;
    private final ConcurrentLinkedDeque<Seen> seen = new ConcurrentLinkedDeque<>();

    public StubBackend(boolean record) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .handle((request, response) -> request.receive().asByteArray()
                        .map(bytes -> (long) bytes.length).reduce(0L, Long::sum)
                        .flatMap(bytes -> {
                            if (record) {
                                Map<String, List<String>> headers = new LinkedHashMap<>();
                                request.requestHeaders().names().forEach(name ->
                                        headers.put(name, List.copyOf(request.requestHeaders().getAll(name))));
                                seen.add(new Seen(request.method().name(), request.fullPath(), headers, bytes));
                            }
                            String body = "{\"ok\":true,\"path\":\"" + request.fullPath() + "\"}";
                            return response.status(200).header("Content-Type", "application/json")
                                    .sendString(Mono.just(body)).then();
                        })
                        .onErrorResume(e -> Mono.empty()))
                .bindNow();
    }

    public String uri() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The request that carried this X-Request-Id. */
    public Optional<Seen> withRequestId(String requestId) {
        return seen.stream().filter(s -> requestId.equals(s.header("X-Request-Id"))).findFirst();
    }

    public Optional<Seen> last() {
        return Optional.ofNullable(seen.peekLast());
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
