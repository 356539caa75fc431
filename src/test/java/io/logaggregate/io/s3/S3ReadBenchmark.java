package io.logaggregate.io.s3;

import io.logaggregate.io.PostfixYear;
import io.logaggregate.io.RemoteFileRuns;
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
 * mvn -q dependency:build-classpath -DexcludeArtifactIds=flink-s3-fs-hadoop \
 *     -Dmdep.outputFile=target/cp.txt
 * java --add-opens=java.base/java.util=ALL-UNNAMED -Dlog-aggregate.plugins=target/plugins \
 *     -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
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
            long lines = RemoteFileRuns.countLines(local);
            RemoteFileRuns.upload(local, "s3://bench/year");
            Map<String, String> settings = S3ServerExtension.settings();
            for (int round = 0; round < 2; round++) {
                double s3 =
                        RemoteFileRuns.timeReadIntoNull(
                                dir, "s3://bench/year/**/mail.log*", parallelism, settings);
                double disk =
                        RemoteFileRuns.timeReadIntoNull(
                                dir, local + "/**/mail.log*", parallelism, settings);
                System.out.printf(
                        "round %d: %d lines: s3 %.1f s = %.0f lines/s; local disk %.1f s = %.0f"
                                + " lines/s%n",
                        round, lines, s3, lines / s3, disk, lines / disk);
            }
        } finally {
            S3ServerExtension.stopServer();
        }
    }
}
