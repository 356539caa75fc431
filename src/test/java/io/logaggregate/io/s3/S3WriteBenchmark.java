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
 *     io.logaggregate.io.s3.S3WriteBenchmark [mails a day] [parallelism]
 * </pre>
 */
public final class S3WriteBenchmark {
    private S3WriteBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String parallelism = args.length > 1 ? args[1] : "2";
        Path dir = Files.createTempDirectory(Path.of("target"), "s3-write-bench-");
        S3ServerExtension.startServer();
        try {
            S3ServerExtension.initializeFileSystems();
            Path local = dir.resolve("year");
            PostfixYear.write(local, perDay);
            String input = local + "/**/mail.log*";
            long events = 0;
            for (int round = 0; round < 2; round++) {
                double none = time(dir, input, "null { }", parallelism);
                String at = "s3://bench/out-" + round;
                double s3 = time(dir, input, "file { path => \"" + at + "/plain\" }", parallelism);
                double gz =
                        time(
                                dir,
                                input,
                                "file { path => \"" + at + "/gz\" gzip => true }",
                                parallelism);
                Path file = dir.resolve("local-" + round + ".jsonl");
                double disk = time(dir, input, "file { path => \"" + file + "\" }", parallelism);
                events = Files.lines(file).count();
                System.out.printf(
                        "round %d: %d events: null %.1f s (%.0f/s); s3 plain %.1f s (%.0f/s);"
                                + " s3 gzip %.1f s (%.0f/s); local file %.1f s (%.0f/s)%n",
                        round,
                        events,
                        none,
                        events / none,
                        s3,
                        events / s3,
                        gz,
                        events / gz,
                        disk,
                        events / disk);
                System.out.printf(
                        "  objects: %s%n", S3FileOutputITCase.objects(at + "/plain").keySet());
            }
        } finally {
            S3ServerExtension.stopServer();
        }
    }

    private static double time(Path dir, String input, String output, String parallelism)
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
        long t0 = System.nanoTime();
        int code =
                Main.execute(
                        "run", conf.toString(), "--mode", "batch", "-p", parallelism, "--quiet");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.setOut(out);
        if (code != 0) {
            throw new IllegalStateException("run failed: " + code);
        }
        return seconds;
    }
}
