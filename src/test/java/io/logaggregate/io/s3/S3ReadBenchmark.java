package io.logaggregate.io.s3;

import io.logaggregate.cli.Main;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Events per second through the {@code file} input in read mode, from the test S3 server (s3rver on
 * loopback, started as the tests start it) and from the same files on the local disk, into {@code
 * null}: {@link PostfixYear}'s year of rotated logs (two hosts, 106 files, most .gz) with N mails a
 * day, each run timed from start to end of {@code run --mode batch} (job start included). Prints
 * the figures; not a test.
 *
 * <pre>
 * mvn -q verify -Dit.test=S3FileInputITCase -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * java --add-opens=java.base/java.util=ALL-UNNAMED \
 *     -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *     io.logaggregate.io.s3.S3ReadBenchmark [mails a day] [parallelism]
 * </pre>
 */
public final class S3ReadBenchmark {
    private S3ReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String parallelism = args.length > 1 ? args[1] : "2";
        Path dir = Files.createTempDirectory(Path.of("target"), "s3-bench-");
        S3ServerExtension.startServer();
        try {
            S3ServerExtension.initializeFileSystems();
            Path local = dir.resolve("year");
            PostfixYear.write(local, perDay);
            long lines = 0;
            try (var files = Files.walk(local)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    lines += countLines(f);
                }
            }
            S3FileInputITCase.upload(local, "s3://bench/year");
            for (int round = 0; round < 2; round++) {
                double s3 = time(dir, "s3://bench/year/**/mail.log*", parallelism);
                double disk = time(dir, local + "/**/mail.log*", parallelism);
                System.out.printf(
                        "round %d: %d lines: s3 %.1f s = %.0f lines/s; local disk %.1f s = %.0f"
                                + " lines/s%n",
                        round, lines, s3, lines / s3, disk, lines / disk);
            }
        } finally {
            S3ServerExtension.stopServer();
        }
    }

    private static long countLines(Path f) throws IOException {
        try (var in =
                f.toString().endsWith(".gz")
                        ? new java.util.zip.GZIPInputStream(Files.newInputStream(f))
                        : Files.newInputStream(f)) {
            long n = 0;
            byte[] b = new byte[65536];
            int r;
            while ((r = in.read(b)) > 0) {
                for (int i = 0; i < r; i++) {
                    if (b[i] == '\n') {
                        n++;
                    }
                }
            }
            return n;
        }
    }

    private static double time(Path dir, String path, String parallelism) throws IOException {
        Path conf = dir.resolve("bench-" + Math.abs(path.hashCode()) + ".conf");
        Files.writeString(
                conf,
                "input { file { path => \""
                        + path
                        + "\" mode => \"read\" } }\noutput { null { } }\n");
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
