package io.logaggregate.cli;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Main class of {@code target/log-aggregate.jar}, the local-run jar. Flink's local executor loads
 * job classes through the JVM's application class loader, so the libraries in {@code lib/} beside
 * the jar (Flink included; the build copies them there) must be on the real class path: the
 * launcher starts {@link Main} in a JVM whose class path is the jar plus {@code lib/*}, with this
 * process's stdin, stdout and stderr, and returns its exit code. Flink file system plugins (S3)
 * come from {@code plugins/} beside the jar, outside the class path. The job jar for {@code flink
 * run} does not use it: there Flink is provided by the cluster.
 *
 * <p>Start-up of that JVM is mostly loading and verifying some 15,000 classes (Flink, Pekko,
 * JRuby): a Class Data Sharing archive beside the jar ({@link ClassDataSharing}) cuts it by more
 * than half.
 */
public final class LocalLauncher {
    private LocalLauncher() {}

    public static void main(String[] args) throws Exception {
        Path jar =
                Path.of(
                        LocalLauncher.class
                                .getProtectionDomain()
                                .getCodeSource()
                                .getLocation()
                                .toURI());
        Path lib = jar.getParent().resolve("lib");
        if (!Files.isDirectory(lib)) {
            System.err.println(
                    "log-aggregate: " + lib + " is missing; build with `mvn -DskipTests package`");
            System.exit(2);
        }
        List<String> userOptions = userOptions();
        boolean run = args.length > 0 && args[0].equals("run");
        ClassDataSharing cds = ClassDataSharing.plan(jar, lib, userOptions, run);

        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions(userOptions));
        cmd.addAll(cds.options());
        // the child ends when this process ends, even by SIGKILL (Main#followLauncher)
        cmd.add("-D" + Main.LAUNCHER_PID + "=" + ProcessHandle.current().pid());
        // Flink file system plugins that come with the build (S3): loaded as a cluster loads
        // its plugins/, each in a class loader of its own (FlinkFileSystems)
        cmd.add("-D" + FlinkFileSystems.BUNDLED_PLUGINS + "=" + jar.getParent().resolve("plugins"));
        cmd.add("-cp");
        cmd.add(jar + File.pathSeparator + lib + File.separator + "*");
        cmd.add("io.logaggregate.cli.Main");
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        // Ctrl-C: the child stops its job gracefully (LocalJobRun); wait for it so the prompt
        // comes back only once the job has ended (and stored its aggregate maps)
        Thread stopChild =
                new Thread(
                        () -> {
                            child.destroy();
                            try {
                                child.waitFor(
                                        LocalJobRun.STOP_TIMEOUT.toSeconds() + 10,
                                        TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                            cds.discard();
                        });
        Runtime.getRuntime().addShutdownHook(stopChild);
        int exitCode = child.waitFor();
        Runtime.getRuntime().removeShutdownHook(stopChild);
        cds.finish(exitCode == 0);
        System.exit(exitCode);
    }

    /** This process's JVM options (e.g. -Xmx), which the child inherits, without agents. */
    private static List<String> userOptions() {
        List<String> opts = new ArrayList<>();
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                opts.add(a);
            }
        }
        return opts;
    }

    /**
     * The child's options: ours first, so that the user's (which follow) win.
     *
     * <ul>
     *   <li>JVM warnings go to stderr: by default they go to stdout, which carries the events.
     *   <li>The throughput collector unless the user chose one: on the 2-core machine this was
     *       measured on, G1 cost 60% more CPU for the same 2 million events (its concurrent work
     *       competes with the job), at no gain in start-up.
     *   <li>{@code -XX:InlineSmallCode=1000} (HotSpot's default on x86-64: 2500): C2 does not
     *       inline a method already compiled to more than 1000 bytes of machine code, so the
     *       compiled units stay smaller and a deoptimization recompiles less. Measured with the
     *       postfix benchmark on the 2-core machine (CPU of the whole process, 100,000 mails;
     *       README "Performance"): JIT compiler threads' CPU in a batch run ~14 s → ~10 s, in a
     *       streaming run ~8-9 s → ~6 s, the task threads no slower; the start-up run unchanged.
     *   <li>What Flink needs on Java 17.
     * </ul>
     */
    static List<String> jvmOptions(List<String> userOptions) {
        List<String> opts = new ArrayList<>();
        opts.add("-Xlog:disable");
        opts.add("-Xlog:all=warning,cds*=off:stderr");
        if (userOptions.stream().noneMatch(o -> o.startsWith("-XX:+Use") && o.endsWith("GC"))) {
            opts.add("-XX:+UseParallelGC");
        }
        if (userOptions.stream().noneMatch(o -> o.startsWith("-XX:InlineSmallCode="))) {
            opts.add("-XX:InlineSmallCode=1000");
        }
        opts.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        opts.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        opts.addAll(userOptions);
        return opts;
    }
}
