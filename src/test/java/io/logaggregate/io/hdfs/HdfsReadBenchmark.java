package io.logaggregate.io.hdfs;

import io.logaggregate.cli.FlinkFileSystems;
import io.logaggregate.io.PostfixYear;
import io.logaggregate.io.RemoteFileRuns;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Lines per second through the {@code file} input in read mode, from the test HDFS (Hadoop's
 * NameNode and DataNode on loopback, started as the tests start them) and from the same files on
 * the local disk, into {@code null}: {@link PostfixYear}'s year of rotated logs (two hosts, 106
 * files, most .gz) with N mails a day, each run timed from start to end of {@code run --mode batch}
 * (job start included), wall clock and this JVM's CPU time (the HDFS server's is apart). Also
 * prints how long the HDFS server took to start. Prints the figures; not a test.
 *
 * <pre>
 * mvn -q verify -Dit.test=HdfsFileInputITCase -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * mvn -q dependency:build-classpath -DexcludeArtifactIds=flink-s3-fs-hadoop \
 *     -Dmdep.outputFile=target/cp.txt
 * java --add-opens=java.base/java.util=ALL-UNNAMED \
 *     -cp "target/classes:target/test-classes:$(cat target/cp.txt)" \
 *     io.logaggregate.io.hdfs.HdfsReadBenchmark [mails a day] [parallelism]
 * </pre>
 */
public final class HdfsReadBenchmark {
    private HdfsReadBenchmark() {}

    public static void main(String[] args) throws Exception {
        int perDay = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        String parallelism = args.length > 1 ? args[1] : "2";
        Map<String, String> settings = HdfsServerExtension.settings();
        Path dir = Files.createTempDirectory(Path.of("target"), "hdfs-bench-");
        String uri = HdfsServerExtension.startServer();
        System.out.printf(
                "HDFS started in %.1f s%n", HdfsServerExtension.startup().toMillis() / 1e3);
        try {
            FlinkFileSystems.initialize(settings);
            Path local = dir.resolve("year");
            PostfixYear.write(local, perDay);
            long lines = RemoteFileRuns.countLines(local);
            long t0 = System.nanoTime();
            int files = RemoteFileRuns.upload(local, uri + "/bench/year");
            System.out.printf(
                    "copied %d files to HDFS in %.1f s%n", files, (System.nanoTime() - t0) / 1e9);
            for (int round = 0; round < 2; round++) {
                double[] hdfs = time(dir, uri + "/bench/year/**/mail.log*", parallelism, settings);
                double[] disk = time(dir, local + "/**/mail.log*", parallelism, settings);
                System.out.printf(
                        "round %d: %d lines: hdfs %.1f s = %.0f lines/s (cpu %.1f s); local disk"
                                + " %.1f s = %.0f lines/s (cpu %.1f s)%n",
                        round,
                        lines,
                        hdfs[0],
                        lines / hdfs[0],
                        hdfs[1],
                        disk[0],
                        lines / disk[0],
                        disk[1]);
            }
        } finally {
            HdfsServerExtension.stopServer();
        }
    }

    /** Wall clock and CPU seconds (of this JVM) of one run. */
    private static double[] time(
            Path dir, String path, String parallelism, Map<String, String> settings)
            throws Exception {
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double wall = RemoteFileRuns.timeReadIntoNull(dir, path, parallelism, settings);
        return new double[] {wall, (os.getProcessCpuTime() - cpu0) / 1e9};
    }
}
