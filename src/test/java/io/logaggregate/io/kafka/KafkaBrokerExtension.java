package io.logaggregate.io.kafka;

import io.logaggregate.io.ServerProcesses;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Kafka broker for the {@code *ITCase} tests, one per test run: Kafka 4 in KRaft mode (one
 * process that is broker and controller), run from Kafka's own jars from Maven Central in a JVM of
 * its own — the build resolves their class path into {@code target/kafka-broker.classpath} (see
 * {@code src/test/kafka-broker/pom.xml}). Its storage is formatted with a random cluster id in a
 * fresh folder under {@code target/kafka}, it listens on free ports of 127.0.0.1, and it is stopped
 * when the test run ends (or the JVM exits).
 */
public final class KafkaBrokerExtension implements BeforeAllCallback {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path CLASSPATH = PROJECT.resolve("target/kafka-broker.classpath");

    private static String bootstrap;
    private static Process broker;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (KafkaBrokerExtension.class) {
            if (bootstrap != null) {
                return;
            }
            start();
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(
                            KafkaBrokerExtension.class.getName(),
                            (ExtensionContext.Store.CloseableResource) KafkaBrokerExtension::stop);
        }
    }

    /** host:port of the broker. */
    public static String bootstrapServers() {
        return bootstrap;
    }

    /** An admin client of the broker (the caller closes it). */
    public static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return Admin.create(p);
    }

    /** Creates a topic with this many partitions (replication 1). */
    public static void createTopic(String topic, int partitions) throws Exception {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get(60, TimeUnit.SECONDS);
        }
    }

    /** Starts the broker outside JUnit (benchmarks); {@link #stopBroker()} stops it. */
    public static synchronized String startBroker() throws Exception {
        if (bootstrap == null) {
            start();
        }
        return bootstrap;
    }

    public static void stopBroker() {
        stop();
    }

    private static void start() throws Exception {
        if (!Files.exists(CLASSPATH)) {
            throw new IllegalStateException(
                    CLASSPATH
                            + " is missing: run the tests through `mvn verify` (its"
                            + " pre-integration-test phase resolves the broker's class path)");
        }
        String classPath = Files.readString(CLASSPATH).trim();
        Path dir = Files.createDirectories(PROJECT.resolve("target/kafka"));
        Path data = Files.createTempDirectory(dir, "data-");
        int port = freePort();
        int controllerPort = freePort();
        Properties conf = new Properties();
        conf.put("process.roles", "broker,controller");
        conf.put("node.id", "1");
        conf.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        conf.put(
                "listeners",
                "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        conf.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        conf.put("controller.listener.names", "CONTROLLER");
        conf.put("inter.broker.listener.name", "PLAINTEXT");
        conf.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        conf.put("log.dirs", data.resolve("logs").toString());
        conf.put("num.partitions", "1");
        // the tests send log lines stamped with their own (past) log time: with the default
        // 7-day retention the broker deletes such segments at its first retention check, so
        // a test's input would vanish once its log dates are a week old
        conf.put("log.retention.ms", "-1");
        // one node: every internal topic has one replica, and few partitions so they come fast
        conf.put("offsets.topic.replication.factor", "1");
        conf.put("offsets.topic.num.partitions", "1");
        conf.put("transaction.state.log.replication.factor", "1");
        conf.put("transaction.state.log.min.isr", "1");
        conf.put("transaction.state.log.num.partitions", "1");
        conf.put("share.coordinator.state.topic.replication.factor", "1");
        conf.put("share.coordinator.state.topic.min.isr", "1");
        conf.put("group.initial.rebalance.delay.ms", "0");
        Path properties = data.resolve("server.properties");
        try (var w = Files.newBufferedWriter(properties)) {
            conf.store(w, "test broker");
        }
        Path log = data.resolve("broker.log");

        // format the storage with a fresh cluster id, then start the server
        Process format =
                java(
                        classPath,
                        log,
                        "kafka.tools.StorageTool",
                        "format",
                        "-t",
                        Uuid.randomUuid().toString(),
                        "-c",
                        properties.toString());
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException(
                    "formatting the Kafka storage failed, see "
                            + log
                            + ":\n"
                            + ServerProcesses.tail(log));
        }
        broker = java(classPath, log, "kafka.Kafka", properties.toString());
        Runtime.getRuntime().addShutdownHook(new Thread(KafkaBrokerExtension::stop));
        bootstrap = "127.0.0.1:" + port;
        awaitReady(log);
    }

    private static Process java(String classPath, Path log, String main, String... args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms256m");
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        cmd.add("-cp");
        cmd.add(classPath);
        cmd.add(main);
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
    }

    /** Waits until the broker answers an admin request (a few seconds on an idle machine). */
    private static void awaitReady(Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException(
                        "the Kafka broker exited:\n" + ServerProcesses.tail(log));
            }
            try (Admin admin = admin()) {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(500);
        }
        stop();
        throw new IllegalStateException(
                "the Kafka broker did not start:\n" + ServerProcesses.tail(log), last);
    }

    private static synchronized void stop() {
        Process p = broker;
        if (p == null) {
            return;
        }
        broker = null;
        ServerProcesses.stop(p, 30);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
