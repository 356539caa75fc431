package io.logaggregate.io.hdfs;

import io.logaggregate.io.ServerProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real HDFS for the {@code *ITCase} tests, one per test run: Hadoop's own NameNode and DataNode
 * (MiniDFSCluster, started by Hadoop's {@code MiniHadoopClusterManager} without its MapReduce part)
 * from {@code hadoop-client-minicluster} on Maven Central, in a JVM of its own — the build resolves
 * its class path into {@code target/hdfs-server.classpath} (see {@code
 * src/test/hdfs-server/pom.xml}). It formats a fresh name space in a new folder under {@code
 * target/hdfs}, every server of it listens on 127.0.0.1 at ports the system picks, and it is
 * stopped when the test run ends (or this JVM exits).
 *
 * <p>The tests reach it as {@link #uri()} ({@code hdfs://127.0.0.1:port}) through Flink's Hadoop
 * file system, with Hadoop's client on the test class path, as a local run has it in target/lib.
 */
public final class HdfsServerExtension implements BeforeAllCallback {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path CLASSPATH = PROJECT.resolve("target/hdfs-server.classpath");
    private static final Pattern DEFAULT_FS =
            Pattern.compile("<name>fs\\.defaultFS</name>\\s*<value>hdfs://[^:<]+:(\\d+)</value>");

    private static String uri;
    private static Process server;
    private static Duration startup;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (HdfsServerExtension.class) {
            if (uri != null) {
                return;
            }
            start();
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(
                            HdfsServerExtension.class.getName(),
                            (ExtensionContext.Store.CloseableResource) HdfsServerExtension::stop);
        }
    }

    /**
     * Hadoop client settings of the test runs, as {@code key: value} of a pipeline settings file
     * ({@code flink.hadoop.} + Hadoop's key): one copy of each block, as there is one DataNode; and
     * a short first wait when a file is closed before the NameNode has heard from the DataNode that
     * its last block is stored (Hadoop's default, 400 ms doubling, is most of the time of writing a
     * hundred small files on a loaded machine).
     */
    public static Map<String, String> settings() {
        return Map.of(
                "flink.hadoop.dfs.replication",
                "1",
                "flink.hadoop.dfs.client.block.write.locateFollowingBlock.initial.delay.ms",
                "20");
    }

    /** hdfs://127.0.0.1:port of the NameNode. */
    public static String uri() {
        return uri;
    }

    /** How long the server took to start (format, NameNode, DataNode, out of safe mode). */
    public static Duration startup() {
        return startup;
    }

    /** Starts the server outside JUnit (benchmarks); {@link #stopServer()} stops it. */
    public static synchronized String startServer() throws Exception {
        if (uri == null) {
            start();
        }
        return uri;
    }

    public static void stopServer() {
        stop();
    }

    private static void start() throws Exception {
        if (!Files.exists(CLASSPATH)) {
            throw new IllegalStateException(
                    CLASSPATH
                            + " is missing: run the tests through `mvn verify` (its"
                            + " pre-integration-test phase resolves the HDFS server's class path)");
        }
        long t0 = System.nanoTime();
        Path dir = Files.createDirectories(PROJECT.resolve("target/hdfs"));
        Path data = Files.createTempDirectory(dir, "data-");
        Path tmp = Files.createDirectories(data.resolve("tmp"));
        Path log = data.resolve("server.log");
        Path conf = data.resolve("conf.xml");
        Path log4j = data.resolve("log4j.properties");
        Files.writeString(
                log4j,
                String.join(
                        "\n",
                        "log4j.rootLogger=WARN, file",
                        "log4j.appender.file=org.apache.log4j.FileAppender",
                        "log4j.appender.file.File=" + log,
                        "log4j.appender.file.layout=org.apache.log4j.PatternLayout",
                        "log4j.appender.file.layout.ConversionPattern=%d %p %c{1}: %m%n",
                        ""));
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xms256m");
        cmd.add("-Xmx512m");
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-XX:TieredStopAtLevel=1");
        // everything the servers write under the data folder: name space and blocks
        // (test.build.data), Hadoop's and Jetty's temporary files
        cmd.add("-Dtest.build.data=" + data.resolve("dfs-base"));
        cmd.add("-Dhadoop.tmp.dir=" + tmp);
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-Dlog4j.configuration=" + log4j.toUri());
        cmd.add("-cp");
        cmd.add(Files.readString(CLASSPATH).trim());
        cmd.add("org.apache.hadoop.mapreduce.MiniHadoopClusterManager");
        cmd.add("-nomr"); // HDFS only
        cmd.add("-format");
        cmd.add("-datanodes");
        cmd.add("1");
        // one copy of each block: there is one DataNode
        cmd.add("-D");
        cmd.add("dfs.replication=1");
        cmd.add("-writeConfig");
        cmd.add(conf.toString()); // written once the cluster is up
        server =
                new ProcessBuilder(cmd)
                        .directory(data.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(HdfsServerExtension::stop));
        int port = awaitPort(conf, log);
        uri = "hdfs://127.0.0.1:" + port;
        startup = Duration.ofNanos(System.nanoTime() - t0);
    }

    /** The NameNode's port, from the configuration the manager writes once HDFS is up. */
    private static int awaitPort(Path conf, Path log) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException(
                        "the HDFS server exited:\n" + ServerProcesses.tail(log));
            }
            if (Files.exists(conf)) {
                String xml = Files.readString(conf);
                Matcher m = DEFAULT_FS.matcher(xml);
                if (xml.contains("</configuration>") && m.find()) {
                    return Integer.parseInt(m.group(1));
                }
            }
            Thread.sleep(200);
        }
        stop();
        throw new IllegalStateException(
                "the HDFS server did not start:\n" + ServerProcesses.tail(log));
    }

    private static synchronized void stop() {
        Process p = server;
        if (p == null) {
            return;
        }
        server = null;
        uri = null;
        ServerProcesses.stop(p, 20);
    }
}
