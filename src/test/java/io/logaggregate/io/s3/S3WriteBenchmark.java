package io.logaggregate.io.s3;

import io.logaggregate.cli.Main;
import io.logaggregate.io.PostfixYear;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Events per second through the {@code file} output into the test S3 server (s3rver on loopback,
 * started as the tests start it), against the same run into {@code null} and into a local file:
 * {@link PostfixYear}'s year of rotated logs read from the local disk in batch mode, one event per
 * line (no filters), written as JSON lines (plain parts, then gzip parts). Each run is timed from
 * start to end of {@code run --mode batch} (job start and the final commit included). Prints the
 * figures; not a test.
 *
 * <pre>
 * mvn -q verify -Dit.test=S3FileOutputITCase -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java --add-opens=java.base/java.util=ALL-UNNAMED \
 *     -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *     io.logaggregate.io.s3.S3WriteBenchmark [mails a day] [parallelism] [rounds]
 * </pre>
 */
public final class S3WriteBenchmark {
    private S3WriteBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String parallelism = args.length > 1 ? args[1] : "2";
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path dir = Files.createTempDirectory(Path.of("target"), "s3-write-bench-");
        S3ServerExtension.startServer();
        try {
            S3ServerExtension.initializeFileSystems();
            Path local = dir.resolve("year");
            PostfixYear.write(local, perDay);
            String input = local + "/**/mail.log*";
            for (int round = 0; round < rounds; round++) {
                String at = "s3://bench/out-" + round;
                Path file = dir.resolve("local-" + round + ".jsonl");
                Run none = time(dir, input, "null { }", parallelism);
                Run s3 = time(dir, input, "file { path => \"" + at + "/plain\" }", parallelism);
                Run gz =
                        time(
                                dir,
                                input,
                                "file { path => \"" + at + "/gz\" gzip => true }",
                                parallelism);
                Run disk = time(dir, input, "file { path => \"" + file + "\" }", parallelism);
                long events;
                try (var lines = Files.lines(file)) {
                    events = lines.count();
                }
                System.out.printf(
                        "round %d, %d events (wall s / events/s / JVM CPU s):%n"
                                + "  null        %s%n  s3 plain    %s  %.1f MB in %d parts%n"
                                + "  s3 gzip     %s  %.1f MB%n  local file  %s%n",
                        round,
                        events,
                        none.show(events),
                        s3.show(events),
                        bytes(at + "/plain") / 1e6,
                        S3FileOutputITCase.objects(at + "/plain").size(),
                        gz.show(events),
                        bytes(at + "/gz") / 1e6,
                        disk.show(events));
            }
        } finally {
            S3ServerExtension.stopServer();
        }
    }

    private record Run(double wall, double cpu) {
        String show(long events) {
            return String.format("%5.1f s %8.0f/s %5.1f s", wall, events / wall, cpu);
        }
    }

    private static long bytes(String prefix) throws IOException {
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(prefix);
        long n = 0;
        for (org.apache.flink.core.fs.FileStatus st : root.getFileSystem().listStatus(root)) {
            n += st.getLen();
        }
        return n;
    }

    private static Run time(Path dir, String input, String output, String parallelism)
            throws IOException {
        Path conf = dir.resolve("bench-" + Math.abs(output.hashCode()) + ".conf");
        Files.writeString(
                conf,
                "input { file { path => \""
                        + input
                        + "\" mode => \"read\" } }\noutput { "
                        + output
                        + " }\n");
        StringBuilder yml = new StringBuilder();
        for (Map.Entry<String, String> e : S3ServerExtension.settings().entrySet()) {
            yml.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Files.writeString(
                dir.resolve(conf.getFileName().toString().replace(".conf", ".yml")),
                yml.toString());
        PrintStream out = System.out;
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        int code =
                Main.execute(
                        "run", conf.toString(), "--mode", "batch", "-p", parallelism, "--quiet");
        double seconds = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        System.setOut(out);
        if (code != 0) {
            throw new IllegalStateException("run failed: " + code);
        }
        return new Run(seconds, cpu);
    }
}
