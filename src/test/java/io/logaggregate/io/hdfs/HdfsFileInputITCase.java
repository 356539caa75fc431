package io.logaggregate.io.hdfs;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.FlinkFileSystems;
import io.logaggregate.cli.LocalRuns;
import io.logaggregate.cli.Main;
import io.logaggregate.io.PostfixYear;
import io.logaggregate.io.RemoteFileRuns;
import io.logaggregate.job.GoldenEvents;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: the {@code file} input reads {@code hdfs://} URIs through Flink's Hadoop file
 * system (flink-hadoop-fs and Hadoop's client, on the local run's class path) from a real HDFS
 * ({@link HdfsServerExtension}: Hadoop's NameNode and DataNode on loopback), in batch mode, and
 * gives exactly the events it gives from local files. Tail mode is refused for HDFS paths, with the
 * reason.
 */
@ExtendWith(HdfsServerExtension.class)
class HdfsFileInputITCase {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path ROTATED = PROJECT.resolve("jobs/postfix-rotated");

    private static final Map<String, String> SETTINGS = HdfsServerExtension.settings();

    @TempDir static Path dir;

    @BeforeAll
    static void fileSystems() {
        System.err.println("HDFS started in " + HdfsServerExtension.startup().toMillis() + " ms");
        FlinkFileSystems.initialize(SETTINGS);
    }

    /**
     * A year of two hosts' weekly rotated mail logs (106 files, most of them .gz) in HDFS and on
     * local disk: {@code hdfs://127.0.0.1:port/logs/year/**}{@code /mail.log*} gives the same
     * events as the local glob, and one per mail; so does a glob naming the hosts and the rotated
     * files.
     */
    @Test
    void aYearOfRotatedLogsInHdfsGivesTheEventsOfTheLocalFiles() throws Exception {
        Path local = dir.resolve("year");
        int mails = PostfixYear.write(local, 4);
        String year = HdfsServerExtension.uri() + "/logs/year";
        int uploaded = RemoteFileRuns.upload(local, year);
        assertThat(uploaded).isGreaterThan(100);
        FileStatus copied =
                new org.apache.flink.core.fs.Path(year + "/mx1/mail.log.1")
                        .getFileSystem()
                        .getFileStatus(new org.apache.flink.core.fs.Path(year + "/mx1/mail.log.1"));
        assertThat(copied.getLen()).isEqualTo(Files.size(local.resolve("mx1/mail.log.1")));

        List<String> fromLocal = RemoteFileRuns.runRotated(dir, local + "/**/mail.log*", SETTINGS);
        List<String> fromHdfs = RemoteFileRuns.runRotated(dir, year + "/**/mail.log*", SETTINGS);
        assertThat(fromLocal).hasSize(mails);
        assertThat(GoldenEvents.canonical(fromHdfs, true))
                .containsExactlyElementsOf(GoldenEvents.canonical(fromLocal, true));
    }

    /**
     * jobs/postfix-rotated's files in HDFS, run by the packaged launcher (its class path is
     * target/lib, where the build puts flink-hadoop-fs and Hadoop's client), through a glob of
     * alternatives and a character class ({@code mail.log{,.[0-9]*}}): the job's golden events.
     */
    @Test
    void theRotatedJobReadFromHdfsByTheLauncherGivesItsGoldenEvents() throws Exception {
        Path local = dir.resolve("rotated");
        Files.createDirectories(local);
        for (String name : List.of("mail.log", "mail.log.1", "mail.log.2.gz")) {
            Files.copy(ROTATED.resolve(name), local.resolve(name));
        }
        String rotated = HdfsServerExtension.uri() + "/logs/rotated";
        RemoteFileRuns.upload(local, rotated);
        Path pipeline =
                RemoteFileRuns.rotatedPipeline(
                        dir, rotated + "/mail.log{,.[0-9]*}", "launcher", SETTINGS);
        LocalRuns.Run r =
                LocalRuns.start(
                        dir,
                        dir.resolve("launcher-tmp"),
                        "run",
                        pipeline.toString(),
                        "--mode",
                        "batch",
                        "-p",
                        "2",
                        "--quiet");
        int code = r.waitForExit(Duration.ofMinutes(3));
        assertThat(code).as(r.err()).isZero();
        List<String> expected = Files.readAllLines(ROTATED.resolve("expected.jsonl"));
        assertThat(GoldenEvents.diff(expected, r.out().lines().toList())).as(r.err()).isEmpty();
    }

    /**
     * Tail mode on an HDFS path is a configuration error that says why (HDFS files grow, but
     * Flink's file system cannot follow one through rotation) and what to do instead; the job does
     * not start.
     */
    @Test
    void tailModeOnHdfsIsRefusedWithTheReason() throws Exception {
        String path = HdfsServerExtension.uri() + "/logs/live/mail.log";
        Path conf = dir.resolve("tail.conf");
        Files.writeString(
                conf,
                "input {\n  file {\n    path => \""
                        + path
                        + "\"\n    mode => \"tail\"\n  }\n}\noutput { null { } }\n");
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute("run", conf.toString(), "--quiet");
        } finally {
            System.setErr(oldErr);
        }
        String message = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(message).isNotZero();
        assertThat(message)
                .contains("tail.conf:3")
                .contains("Tail mode follows growing local files; " + path)
                .contains("an HDFS file grows by appends")
                .contains("mode => \"read\"");
        assertThat(
                        FileSystem.get(new java.net.URI(HdfsServerExtension.uri()))
                                .exists(new org.apache.flink.core.fs.Path(path)))
                .isFalse();
    }
}
