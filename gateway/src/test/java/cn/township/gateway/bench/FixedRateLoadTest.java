package cn.township.gateway.bench;

import cn.township.gateway.StubBackend;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's fixed-rate load generator counts a response only once all of it has arrived. */
class FixedRateLoadTest {

    @Test
    void aResponseIsCompleteOnceItsBodyHasArrived() {
        assertThat(status("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":true}")).isEqualTo(200);
        assertThat(status("HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\n{\"ok\":")).isZero();
        assertThat(status("HTTP/1.1 200 OK\r\ncontent-length:11\r\n\r\n{\"ok\":true}")).isEqualTo(200);
        assertThat(status("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n")).isEqualTo(401);
        assertThat(status("HTTP/1.1 200 OK\r\nContent-Le")).isZero();
        assertThat(status("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"ok\":true}\r\n")).isZero();
        assertThat(status("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nb\r\n{\"ok\":true}\r\n0\r\n\r\n"))
                .isEqualTo(200);
        assertThat(status("HTTP/1.1 204 No Content\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n")).isEqualTo(204);
    }

    @Test
    void everyRequestOfTheWindowIsAnsweredAndTimed() throws Exception {
        try (StubBackend backend = new StubBackend(false)) {
            GatewayBenchmark.Window window = FixedRateLoad.run(URI.create(backend.uri() + "/api/intake/ping"),
                    "token", 200, 1);
            assertThat(window.inOrder()).hasSize(200);
            assertThat(Arrays.stream(window.inOrder()).min().orElseThrow()).as("no request failed").isPositive();
            assertThat(window.sorted()).hasSize(200).isSorted();
            assertThat(window.sorted()[199]).as("slowest, ns").isLessThan(5_000_000_000L);
        }
    }

    @Test
    void twoTargetsInOneWindowEachGetTheirRate() throws Exception {
        try (StubBackend first = new StubBackend(true); StubBackend second = new StubBackend(true)) {
            List<GatewayBenchmark.Window> windows = FixedRateLoad.run(List.of(URI.create(first.uri() + "/a"),
                    URI.create(second.uri() + "/b")), "token", 100, 1);
            assertThat(windows).hasSize(2).allSatisfy(window -> {
                assertThat(window.inOrder()).hasSize(100);
                assertThat(window.sorted()).hasSize(100);
            });
            assertThat(first.last()).hasValueSatisfying(seen -> assertThat(seen.path()).isEqualTo("/a"));
            assertThat(second.last()).hasValueSatisfying(seen -> assertThat(seen.path()).isEqualTo("/b"));
        }
    }

    private static int status(String response) {
        ByteBuffer in = ByteBuffer.allocate(1024);
        in.put(response.getBytes(StandardCharsets.ISO_8859_1));
        return FixedRateLoad.complete(in);
    }
}
