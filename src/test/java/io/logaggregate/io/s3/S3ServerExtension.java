package io.logaggregate.io.s3;

import io.logaggregate.cli.FlinkFileSystems;
import io.logaggregate.io.ServerProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3-compatible server for the {@code *ITCase} tests, one per test run: s3rver (npm
 * registry; the build installs it into {@code target/s3-server} with {@code npm ci}, see {@code
 * src/test/s3-server}) run by node on 127.0.0.1 at a port the system picks, its objects in a fresh
 * folder under {@code target/s3}. It is stopped when the test run ends, or when this JVM exits (its
 * standard input closes then, which ends the server too).
 *
 * <p>The buckets {@link #BUCKETS} exist from the start. {@link #settings()} are the Flink file
 * system settings that reach it ({@code s3.endpoint}, path-style access, s3rver's fixed keys), as a
 * pipeline's settings file would give them.
 */
public final class S3ServerExtension implements BeforeAllCallback {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path SERVER = PROJECT.resolve("target/s3-server/server.js");

    /** The buckets the server has from its start. */
    public static final List<String> BUCKETS = List.of("logs", "archive", "bench");

    private static String endpoint;
    private static Process server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (S3ServerExtension.class) {
            if (endpoint != null) {
                return;
            }
            start();
            context.getRoot()
                    .getStore(ExtensionContext.Namespace.GLOBAL)
                    .put(
                            S3ServerExtension.class.getName(),
                            (ExtensionContext.Store.CloseableResource) S3ServerExtension::stop);
        }
    }

    /** http://127.0.0.1:port of the server. */
    public static String endpoint() {
        return endpoint;
    }

    /** Flink's settings for the server, as {@code key: value} of a pipeline settings file. */
    public static Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("s3.endpoint", endpoint);
        s.put("s3.path.style.access", "true");
        // s3rver accepts these fixed credentials (and checks the request signatures)
        s.put("s3.access-key", "S3RVER");
        s.put("s3.secret-key", "S3RVER");
        // one attempt per request: a test against loopback fails fast instead of retrying
        s.put("fs.s3a.attempts.maximum", "1");
        // S3A's upload buffers under the test JVM's temporary folder, not /tmp/hadoop-USER
        s.put(
                "fs.s3a.buffer.dir",
                java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "s3a").toString());
        return s;
    }

    /** Flink's file systems in this JVM, set up for the server (uploads by the tests). */
    public static void initializeFileSystems() {
        // as a local run does: the S3 file system is a plugin (target/plugins), not on the class
        // path, where Hadoop's HDFS client is
        FlinkFileSystems.initialize(settings());
    }

    /** Starts the server outside JUnit (benchmarks); {@link #stopServer()} stops it. */
    public static synchronized String startServer() throws Exception {
        if (endpoint == null) {
            start();
        }
        return endpoint;
    }

    public static void stopServer() {
        stop();
    }

    private static void start() throws Exception {
        if (!Files.exists(SERVER)) {
            throw new IllegalStateException(
                    SERVER
                            + " is missing: run the tests through `mvn verify` (its"
                            + " pre-integration-test phase installs the S3 server with npm ci)");
        }
        Path dir = Files.createDirectories(PROJECT.resolve("target/s3"));
        Path data = Files.createTempDirectory(dir, "data-");
        Path log = data.resolve("server.log");
        List<String> cmd = new ArrayList<>();
        cmd.add("node");
        cmd.add(SERVER.toString());
        cmd.add(data.resolve("objects").toString());
        cmd.addAll(BUCKETS);
        server =
                new ProcessBuilder(cmd)
                        .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                        .start();
        Runtime.getRuntime().addShutdownHook(new Thread(S3ServerExtension::stop));
        // the first line on its stdout is "listening on <port>"
        BufferedReader out =
                new BufferedReader(
                        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(out));
        String line;
        try {
            line = first.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(
                    "the S3 server did not start:\n" + ServerProcesses.tail(log), e);
        }
        if (line == null || !line.startsWith("listening on ")) {
            stop();
            throw new IllegalStateException(
                    "the S3 server did not start (" + line + "):\n" + ServerProcesses.tail(log));
        }
        endpoint = "http://127.0.0.1:" + line.substring("listening on ".length()).trim();
    }

    private static String readLine(BufferedReader r) {
        try {
            return r.readLine();
        } catch (IOException e) {
            return null;
        }
    }

    private static synchronized void stop() {
        Process p = server;
        if (p == null) {
            return;
        }
        server = null;
        endpoint = null;
        ServerProcesses.stop(p, 10);
    }
}
