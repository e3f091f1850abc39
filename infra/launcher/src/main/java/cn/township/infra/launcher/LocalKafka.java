package cn.township.infra.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one JVM), from the Maven Central
 * jars. Formats its storage on first start; the data directory survives restarts.
 *
 * <pre>java -cp … cn.township.infra.launcher.LocalKafka --port 9092 --controller-port 9093 --data .run/kafka</pre>
 */
public final class LocalKafka {

    private LocalKafka() {
    }

    public static void main(String[] argv) throws Exception {
        Args args = Args.parse(argv);
        int port = args.integer("port", 9092);
        int controllerPort = args.integer("controller-port", 9093);
        Path data = Path.of(args.get("data", ".run/kafka")).toAbsolutePath();
        String partitions = args.get("partitions", "3");
        requireFree(port);
        requireFree(controllerPort);
        Path logs = data.resolve("logs");
        Files.createDirectories(logs);
        Path properties = data.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + logs,
                "num.partitions=" + partitions,
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=" + partitions,
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "log.flush.interval.ms=1000",
                ""));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            int rc = kafka.tools.StorageTool.execute(new String[]{"format", "-t", clusterId(), "-c",
                    properties.toString()}, new PrintStream(System.out));
            if (rc != 0) {
                throw new IllegalStateException("formatting Kafka storage in " + logs + " failed: " + rc);
            }
        }
        System.out.println("Kafka (KRaft) on 127.0.0.1:" + port + ", data in " + data);
        kafka.Kafka.main(new String[]{properties.toString()});
    }

    private static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new java.net.InetSocketAddress("127.0.0.1", port));
        } catch (IOException e) {
            System.err.println("port " + port + " on 127.0.0.1 is busy: stop what uses it or choose another port");
            System.exit(2);
        }
    }
}
