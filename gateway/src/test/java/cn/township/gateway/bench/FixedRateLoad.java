package cn.township.gateway.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop load generator with little CPU of its own: GET requests at a fixed rate over kept-alive HTTP/1.1
 * connections, one request at a time on each (a new connection is opened when all are busy). Two threads and no
 * more: this one sends at each scheduled instant, a reader answers every connection from one selector. The JDK
 * client takes several thread hand-offs per request (its selector thread, its executor, the completion stages),
 * each a wait for a core on this 2-core machine that lands in both the direct and the gateway figures.
 *
 * <p>Latency is counted from each request's scheduled start, so a late send is not hidden.
 */
final class FixedRateLoad {

    private FixedRateLoad() {
    }

    /** One kept-alive connection and the request in flight on it. */
    private static final class Connection {
        final SocketChannel channel;
        /** Where the connection goes back when its answer is in: the idle connections to its target. */
        final ConcurrentLinkedDeque<Connection> idle;
        final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        volatile int index = -1;
        volatile long scheduled;

        Connection(SocketChannel channel, ConcurrentLinkedDeque<Connection> idle) {
            this.channel = channel;
            this.idle = idle;
        }
    }

    static GatewayBenchmark.Window run(URI uri, String token, int rate, int seconds) throws IOException {
        return run(List.of(uri), token, rate, seconds).getFirst();
    }

    /**
     * Loads each of the targets at {@code rate} requests/s in the same window, their requests taking turns (with two
     * targets: the first's sent at 0, 2, 4 ms, the second's at 1, 3, 5 ms for 500 requests/s), so that whatever else
     * the machine does in the window falls on both alike.
     */
    static List<GatewayBenchmark.Window> run(List<URI> targets, String token, int rate, int seconds) throws IOException {
        int n = targets.size();
        int total = rate * seconds * n;
        long interval = 1_000_000_000L / rate;
        long step = interval / n;
        long[] inOrder = new long[total];
        Arrays.fill(inOrder, -1L);
        List<byte[]> requests = new ArrayList<>();
        List<InetSocketAddress> addresses = new ArrayList<>();
        List<ConcurrentLinkedDeque<Connection>> idle = new ArrayList<>();
        for (URI uri : targets) {
            String path = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            requests.add(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                    + (token == null ? "" : "Authorization: Bearer " + token + "\r\n") + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            addresses.add(new InetSocketAddress(uri.getHost(), uri.getPort()));
            idle.add(new ConcurrentLinkedDeque<>());
        }
        CountDownLatch answered = new CountDownLatch(total);
        try (Selector selector = Selector.open()) {
            Thread reader = Thread.ofPlatform().name("fixed-rate-reader").start(() -> read(selector, inOrder, answered));
            long start = System.nanoTime();
            for (int i = 0; i < total; i++) {
                long scheduled = start + i * step;
                awaitInstant(scheduled);
                int target = i % n;
                Connection connection = idle.get(target).pollFirst();
                if (connection == null) {
                    connection = open(addresses.get(target), idle.get(target), selector);
                }
                connection.scheduled = scheduled;
                connection.index = i;
                try {
                    ByteBuffer out = ByteBuffer.wrap(requests.get(target));
                    while (out.hasRemaining()) {
                        connection.channel.write(out);
                    }
                } catch (IOException e) {
                    connection.channel.close(); // counted as failed: inOrder[i] stays -1
                }
            }
            try {
                answered.await(30, TimeUnit.SECONDS); // what is not answered by then counts as failed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            reader.interrupt();
            selector.wakeup();
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
        }
        List<GatewayBenchmark.Window> windows = new ArrayList<>();
        for (int target = 0; target < n; target++) {
            long[] own = new long[total / n];
            for (int i = 0; i < own.length; i++) {
                own[i] = inOrder[i * n + target];
            }
            windows.add(GatewayBenchmark.Window.of(own, interval, targets.get(target)));
        }
        return windows;
    }

    /** Parks until {@link System#nanoTime()} reaches {@code instant}. */
    static void awaitInstant(long instant) {
        long now;
        while ((now = System.nanoTime()) < instant) {
            LockSupport.parkNanos(instant - now);
        }
    }

    private static Connection open(InetSocketAddress address, ConcurrentLinkedDeque<Connection> idle, Selector selector)
            throws IOException {
        SocketChannel channel = SocketChannel.open(address);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.configureBlocking(false);
        Connection connection = new Connection(channel, idle);
        channel.register(selector, SelectionKey.OP_READ, connection);
        selector.wakeup();
        return connection;
    }

    private static void read(Selector selector, long[] inOrder, CountDownLatch answered) {
        try {
            while (!Thread.currentThread().isInterrupted() && selector.isOpen()) {
                selector.select();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    Connection connection = (Connection) key.attachment();
                    int read;
                    try {
                        read = connection.channel.read(connection.in);
                    } catch (IOException e) {
                        read = -1;
                    }
                    if (read < 0) {
                        key.cancel();
                        connection.channel.close();
                        if (connection.index >= 0) {
                            answered.countDown(); // failed: inOrder stays -1
                        }
                        continue;
                    }
                    int status = complete(connection.in);
                    if (status != 0) {
                        long latency = System.nanoTime() - connection.scheduled;
                        inOrder[connection.index] = status == 200 ? latency : -1L;
                        connection.index = -1;
                        connection.in.clear();
                        connection.idle.addFirst(connection);
                        answered.countDown();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            if (selector.isOpen()) {
                throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
            }
        }
    }

    /**
     * The status of the response in {@code in} once all of it has arrived (by Content-Length or the last chunk), 0
     * while more is to come.
     */
    static int complete(ByteBuffer in) {
        byte[] bytes = in.array();
        int length = in.position();
        int headerEnd = indexOf(bytes, 0, length, "\r\n\r\n");
        if (headerEnd < 0) {
            return 0;
        }
        String head = new String(bytes, 0, headerEnd, StandardCharsets.ISO_8859_1);
        int status = Integer.parseInt(head.substring(9, 12));
        int bodyStart = headerEnd + 4;
        String lower = head.toLowerCase(Locale.ROOT);
        int contentLength = lower.indexOf("\r\ncontent-length:");
        if (contentLength >= 0) {
            int valueStart = contentLength + "\r\ncontent-length:".length();
            int lineEnd = lower.indexOf("\r\n", valueStart);
            int bodyLength = Integer.parseInt(lower.substring(valueStart, lineEnd < 0 ? lower.length() : lineEnd).trim());
            return length - bodyStart >= bodyLength ? status : 0;
        }
        if (lower.contains("\r\ntransfer-encoding: chunked")) {
            return indexOf(bytes, bodyStart, length, "\r\n0\r\n\r\n") >= 0
                    || (length - bodyStart >= 5 && indexOf(bytes, bodyStart, bodyStart + 5, "0\r\n\r\n") == bodyStart)
                    ? status : 0;
        }
        return status; // no body
    }

    private static int indexOf(byte[] bytes, int from, int to, String what) {
        outer:
        for (int i = from; i <= to - what.length(); i++) {
            for (int j = 0; j < what.length(); j++) {
                if (bytes[i + j] != what.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
