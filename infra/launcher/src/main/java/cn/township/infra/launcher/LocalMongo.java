package cn.township.infra.launcher;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * A MongoDB-wire-compatible server (mongo-java-server) on 127.0.0.1: on-disk H2 storage by default so data
 * survives a restart ({@link DiskBackend}, {@code --cache-mb} of page cache, 256 by default), or {@code --memory}
 * for tests. It has no multi-document transactions and no
 * {@code hello} command; the platform needs neither.
 *
 * <pre>java -cp … cn.township.infra.launcher.LocalMongo --port 27017 --data .run/mongo</pre>
 */
public final class LocalMongo {

    private LocalMongo() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int port = args.integer("port", 27017);
        LocalKafka.requireFree(port);
        MongoBackend backend;
        String where;
        if (args.flag("memory")) {
            backend = new KeyedIndex.Memory();
            where = "in memory";
        } else if (args.flag("memory-store")) {
            // the on-disk server's backend (secondary indexes, queries without the collection's lock) over an
            // MVStore without a file: what a benchmark of one service runs against when it should see the platform's
            // server, minus the disk
            backend = DiskBackend.withoutFile();
            where = "in memory (the on-disk backend's store, without a file)";
        } else {
            Path data = Path.of(args.get("data", ".run/mongo")).toAbsolutePath();
            Files.createDirectories(data);
            int cache = args.integer("cache-mb", 256);
            backend = DiskBackend.open(data.resolve("mongo.mv").toString(), cache);
            where = "data in " + data + ", " + cache + " MB page cache";
        }
        // no oplog: nothing here uses change streams, and it would be one more write per write, kept forever
        MongoServer server = new MongoServer(backend);
        // each connection runs its commands on one event loop, and a long command (a query no index answers) holds
        // every connection sharing that loop: netty's default of two loops per core let one slow query stall a
        // quarter of all the services' connections, so there are 16 (idle loops cost a thread each, nothing more)
        server.bind(new InetSocketAddress("127.0.0.1", port), 1, 16);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            stopped.countDown();
        }, "mongo-shutdown"));
        System.out.println("MongoDB-wire server on 127.0.0.1:" + port + ", " + where);
        stopped.await();
    }
}
