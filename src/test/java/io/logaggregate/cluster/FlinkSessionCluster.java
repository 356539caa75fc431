package io.logaggregate.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logaggregate.cli.FlinkFileSystems;
import io.logaggregate.io.s3.S3ServerExtension;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.configuration.JobManagerOptions;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessSpec;
import org.apache.flink.runtime.clusterframework.TaskExecutorProcessUtils;
import org.apache.flink.runtime.jobmanager.JobManagerProcessSpec;
import org.apache.flink.runtime.jobmanager.JobManagerProcessUtils;
import org.apache.flink.runtime.util.config.memory.ProcessMemoryUtils;
import org.apache.flink.util.FileUtils;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real Flink standalone session cluster for a test class, started once and always stopped: a
 * JobManager ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code
 * TaskManagerRunner}) as separate JVMs on loopback, with a config dir of their own, started the way
 * Flink's {@code jobmanager.sh} and {@code taskmanager.sh} start them: the JVM memory flags (heap,
 * direct memory, Metaspace) and the dynamic memory settings computed from the config by Flink's own
 * code, Flink 1.20's default JVM options. No flink-dist is needed: the class path is what a
 * distribution's {@code lib/} holds, our {@code provided} dependencies as Maven resolves them
 * ({@code target/flink-cluster.classpath}, written by the build).
 *
 * <p>{@link #flink} runs {@code org.apache.flink.client.cli.CliFrontend} in a JVM of its own with
 * {@code FLINK_CONF_DIR}, exactly as the {@code flink} script does.
 */
public final class FlinkSessionCluster implements BeforeAllCallback, AfterAllCallback {
    /** Flink 1.20's env.java.default-opts.all. */
    private static final List<String> JAVA_OPTS =
            List.of(
                    "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
                    "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                    "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang=ALL-UNNAMED",
                    "--add-opens=java.base/java.net=ALL-UNNAMED",
                    "--add-opens=java.base/java.io=ALL-UNNAMED",
                    "--add-opens=java.base/java.nio=ALL-UNNAMED",
                    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                    "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                    "--add-opens=java.base/java.text=ALL-UNNAMED",
                    "--add-opens=java.base/java.time=ALL-UNNAMED",
                    "--add-opens=java.base/java.util=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int taskManagers;
    private final int slots;
    private final Path home = Path.of("target", "flink-cluster").toAbsolutePath();
    private final Path conf = home.resolve("conf");
    private final Path log = home.resolve("log");
    private final HttpClient http = HttpClient.newHttpClient();
    private String classpath;
    private int restPort;
    private Process jobManager;
    private final List<Process> taskManagerProcesses = new ArrayList<>();
    private int started;

    public FlinkSessionCluster(int taskManagers, int slots) {
        this.taskManagers = taskManagers;
        this.slots = slots;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path cp = Path.of("target", "flink-cluster.classpath");
        if (!Files.exists(cp)) {
            throw new IllegalStateException(cp + " is missing: run through `mvn verify`");
        }
        List<String> entries =
                new ArrayList<>(
                        Arrays.asList(Files.readString(cp).trim().split(File.pathSeparator)));
        // libraries Flink needs that our own compile scope claims (Maven then counts them as
        // ours, not as provided): a distribution's lib/ has them too
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String path = e.replace(File.separatorChar, '/');
            if (!entries.contains(e)
                    && (path.contains("/org/apache/commons/")
                            || path.contains("/commons-io/")
                            || path.contains("/commons-collections/")
                            || path.contains("/org/apache/logging/log4j/")
                            || path.contains("/org/slf4j/"))) {
                entries.add(e);
            }
        }
        classpath = String.join(File.pathSeparator, entries);
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopAll));
        FileUtils.deleteDirectory(home.toFile());
        Files.createDirectories(conf);
        Files.createDirectories(log);
        restPort = freePort();
        int rpcPort = freePort();
        Files.writeString(
                conf.resolve("config.yaml"),
                String.join(
                        "\n",
                        "jobmanager.rpc.address: 127.0.0.1",
                        "jobmanager.rpc.port: " + rpcPort,
                        "jobmanager.bind-host: 127.0.0.1",
                        "rest.address: 127.0.0.1",
                        "rest.bind-address: 127.0.0.1",
                        "rest.port: " + restPort,
                        "taskmanager.bind-host: 127.0.0.1",
                        "taskmanager.host: 127.0.0.1",
                        "blob.server.port: 0",
                        "jobmanager.memory.process.size: 800m",
                        // small TaskManagers; Metaspace stays at its default (256m)
                        "taskmanager.memory.process.size: 1100m",
                        "taskmanager.memory.managed.size: 0m",
                        "taskmanager.memory.network.min: 32m",
                        "taskmanager.memory.network.max: 32m",
                        "taskmanager.numberOfTaskSlots: " + slots,
                        "parallelism.default: 1",
                        "restart-strategy.type: fixed-delay",
                        "restart-strategy.fixed-delay.attempts: 20",
                        "restart-strategy.fixed-delay.delay: 1 s",
                        "heartbeat.interval: 1000",
                        "heartbeat.timeout: 8000",
                        "state.savepoints.dir: file://" + home.resolve("savepoints"),
                        "state.checkpoints.dir: file://" + home.resolve("checkpoints"),
                        "io.tmp.dirs: " + home.resolve("tmp"),
                        "metrics.fetcher.update-interval: 1000",
                        ""));
        Files.createDirectories(home.resolve("tmp"));
        withS3FileSystem();
        Files.writeString(
                conf.resolve("log4j.properties"),
                String.join(
                        "\n",
                        "rootLogger.level = INFO",
                        "rootLogger.appenderRef.file.ref = file",
                        "appender.file.name = file",
                        "appender.file.type = File",
                        "appender.file.fileName = ${sys:log.file}",
                        "appender.file.layout.type = PatternLayout",
                        "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n",
                        "logger.akka.name = org.apache.pekko",
                        "logger.akka.level = WARN",
                        ""));
        Configuration config = GlobalConfiguration.loadConfiguration(conf.toString());
        JobManagerProcessSpec jm =
                JobManagerProcessUtils.processSpecFromConfigWithNewOptionToInterpretLegacyHeap(
                        config, JobManagerOptions.JVM_HEAP_MEMORY);
        List<String> jmArgs =
                new ArrayList<>(split(JobManagerProcessUtils.generateJvmParametersStr(jm, config)));
        jobManager =
                start(
                        "jobmanager",
                        jmArgs,
                        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
                        List.of("--configDir", conf.toString(), "--executionMode", "cluster"));
        for (int i = 0; i < taskManagers; i++) {
            startTaskManager();
        }
        awaitSlots(taskManagers * slots, Duration.ofSeconds(180));
    }

    /**
     * When the test S3 server runs ({@link S3ServerExtension}, registered before this extension):
     * Flink's S3 file system as a cluster gets it, the plugin jar in {@code plugins/s3-fs-hadoop/}
     * (not on the class path) and its {@code s3.*} keys in config.yaml.
     */
    private void withS3FileSystem() throws IOException {
        if (S3ServerExtension.endpoint() == null) {
            return;
        }
        // the build's copy of the plugin (target/plugins/s3-fs-hadoop), which local runs load
        String bundled = System.getProperty(FlinkFileSystems.BUNDLED_PLUGINS, "target/plugins");
        Path jar;
        try (var jars = Files.list(Path.of(bundled, "s3-fs-hadoop"))) {
            jar =
                    jars.filter(j -> j.getFileName().toString().startsWith("flink-s3-fs-hadoop-"))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalStateException(
                                                    "flink-s3-fs-hadoop is not in "
                                                            + bundled
                                                            + "/s3-fs-hadoop (built by `mvn"
                                                            + " package`)"));
        }
        Path plugin = Files.createDirectories(home.resolve("plugins/s3-fs-hadoop"));
        Files.copy(jar, plugin.resolve(jar.getFileName()));
        StringBuilder keys = new StringBuilder();
        S3ServerExtension.settings()
                .forEach(
                        (k, v) ->
                                keys.append(k)
                                        .append(": ")
                                        .append(
                                                k.equals("fs.s3a.buffer.dir")
                                                        ? home.resolve("tmp/s3a").toString()
                                                        : v)
                                        .append('\n'));
        Files.writeString(conf.resolve("config.yaml"), keys, StandardOpenOption.APPEND);
    }

    /** Starts one more TaskManager, as taskmanager.sh does. */
    public Process startTaskManager() throws IOException {
        Configuration config = GlobalConfiguration.loadConfiguration(conf.toString());
        TaskExecutorProcessSpec spec = TaskExecutorProcessUtils.processSpecFromConfig(config);
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--configDir",
                                conf.toString(),
                                "-D",
                                "taskmanager.resource-id=tm-" + started));
        args.addAll(split(TaskExecutorProcessUtils.generateDynamicConfigsStr(spec)));
        Process p =
                start(
                        "taskmanager-" + started++,
                        split(ProcessMemoryUtils.generateJvmParametersStr(spec)),
                        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
                        args);
        taskManagerProcesses.add(p);
        return p;
    }

    /** The TaskManager processes; the one started n-th has resource id {@code tm-<n>}. */
    public List<Process> taskManagers() {
        return taskManagerProcesses;
    }

    private Process start(String name, List<String> jvm, String main, List<String> args)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvm);
        cmd.addAll(JAVA_OPTS);
        cmd.add("-Dlog.file=" + log.resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        cmd.add("-classpath");
        cmd.add(classpath);
        cmd.add(main);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        pb.environment().put("FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
        pb.redirectErrorStream(true);
        pb.redirectOutput(log.resolve(name + ".out").toFile());
        return pb.start();
    }

    /** What a {@code flink ARGS} command did. */
    public record Cli(int exitCode, String output) {}

    /** Runs {@code flink ARGS}: CliFrontend in a JVM of its own, as the flink script does. */
    public Cli flink(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        cmd.addAll(JAVA_OPTS);
        cmd.add("-Dlog.file=" + log.resolve("client.log"));
        cmd.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
        cmd.add("-classpath");
        cmd.add(classpath);
        cmd.add("org.apache.flink.client.cli.CliFrontend");
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("FLINK_CONF_DIR", conf.toString());
        // as bin/config.sh exports it: the client loads the file system plugins too
        pb.environment().put("FLINK_PLUGINS_DIR", home.resolve("plugins").toString());
        pb.redirectErrorStream(true);
        Path out = Files.createTempFile(home.resolve("tmp"), "flink-cli", ".out");
        pb.redirectOutput(out.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError(
                    "flink "
                            + String.join(" ", args)
                            + " still running after "
                            + timeout
                            + ":\n"
                            + Files.readString(out));
        }
        return new Cli(p.exitValue(), Files.readString(out));
    }

    /** GET on the REST API: the parsed JSON. */
    public JsonNode rest(String path) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + path))
                                .timeout(Duration.ofSeconds(20))
                                .build(),
                        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Waits until the cluster offers {@code n} slots. */
    public void awaitSlots(int n, Duration timeout) throws Exception {
        await(
                "the cluster to offer " + n + " slots",
                timeout,
                () ->
                        rest("/overview").path("slots-total").asInt() == n
                                && rest("/overview").path("taskmanagers").asInt() * slots == n);
    }

    public interface Check {
        boolean ok() throws Exception;
    }

    public static void await(String what, Duration timeout, Check check) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < end) {
            try {
                if (check.ok()) {
                    return;
                }
            } catch (Exception e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what, last);
    }

    public Path home() {
        return home;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopAll();
    }

    private synchronized void stopAll() {
        List<Process> all = new ArrayList<>(taskManagerProcesses);
        if (jobManager != null) {
            all.add(jobManager);
        }
        for (Process p : all) {
            p.destroy();
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
        taskManagerProcesses.clear();
        jobManager = null;
    }

    private static List<String> split(String s) {
        List<String> out = new ArrayList<>();
        for (String part : s.trim().split("\\s+")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Lines of a TaskManager's or the JobManager's log matching a test. */
    public List<String> logLines(String name, Predicate<String> test) throws IOException {
        Path f = log.resolve(name + ".log");
        return Files.exists(f) ? Files.readAllLines(f).stream().filter(test).toList() : List.of();
    }
}
