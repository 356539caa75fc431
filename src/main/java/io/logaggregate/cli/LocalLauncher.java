package io.logaggregate.cli;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Main class of {@code target/log-aggregate.jar}, the local-run jar. Flink's local executor loads
 * job classes through the JVM's application class loader, so the libraries in {@code lib/} beside
 * the jar (Flink included; the build copies them there) must be on the real class path: the
 * launcher starts {@link Main} in a JVM whose class path is the jar plus {@code lib/*}, with this
 * process's stdin, stdout and stderr, and returns its exit code. The job jar for {@code flink run}
 * does not use it: there Flink is provided by the cluster.
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
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions());
        cmd.add("-cp");
        cmd.add(jar + File.pathSeparator + lib + File.separator + "*");
        cmd.add("io.logaggregate.cli.Main");
        cmd.addAll(List.of(args));
        Process child = new ProcessBuilder(cmd).inheritIO().start();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroy));
        System.exit(child.waitFor());
    }

    /** JVM options of this process (e.g. -Xmx) carried over, plus what Flink needs on 17. */
    private static List<String> jvmOptions() {
        List<String> opts = new ArrayList<>();
        for (String a :
                java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                opts.add(a);
            }
        }
        opts.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        opts.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        return opts;
    }
}
