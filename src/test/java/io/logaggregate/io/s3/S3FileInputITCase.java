package io.logaggregate.io.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.LocalRuns;
import io.logaggregate.io.PostfixYear;
import io.logaggregate.io.RemoteFileRuns;
import io.logaggregate.job.GoldenEvents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: the {@code file} input reads {@code s3://} URIs through Flink's S3 file system
 * (flink-s3-fs-hadoop, a plugin of the local run) from a real S3-compatible server ({@link
 * S3ServerExtension}), in batch mode, and gives exactly the events it gives from local files.
 */
@ExtendWith(S3ServerExtension.class)
class S3FileInputITCase {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path ROTATED = PROJECT.resolve("jobs/postfix-rotated");

    @TempDir static Path dir;

    @BeforeAll
    static void fileSystems() {
        S3ServerExtension.initializeFileSystems();
    }

    /**
     * A year of two hosts' weekly rotated mail logs (106 files, most of them .gz) in a bucket and
     * on local disk: {@code s3://logs/year/**}{@code /mail.log*} gives the same events as the local
     * glob, and one per mail.
     */
    @Test
    void aYearOfRotatedLogsInABucketGivesTheEventsOfTheLocalFiles() throws Exception {
        Path local = dir.resolve("year");
        int mails = PostfixYear.write(local, 4);
        int uploaded = RemoteFileRuns.upload(local, "s3://logs/year");
        assertThat(uploaded).isGreaterThan(100);

        Map<String, String> settings = S3ServerExtension.settings();
        List<String> fromLocal = RemoteFileRuns.runRotated(dir, local + "/**/mail.log*", settings);
        List<String> fromS3 =
                RemoteFileRuns.runRotated(dir, "s3://logs/year/**/mail.log*", settings);

        assertThat(fromLocal).hasSize(mails);
        assertThat(GoldenEvents.canonical(fromS3, true))
                .containsExactlyElementsOf(GoldenEvents.canonical(fromLocal, true));
    }

    /**
     * jobs/postfix-rotated's files in a bucket, run by the packaged launcher (its class path is
     * target/lib, where the build puts flink-s3-fs-hadoop): the job's golden events.
     */
    @Test
    void theRotatedJobReadFromABucketByTheLauncherGivesItsGoldenEvents() throws Exception {
        Path local = dir.resolve("rotated");
        Files.createDirectories(local);
        for (String name : List.of("mail.log", "mail.log.1", "mail.log.2.gz")) {
            Files.copy(ROTATED.resolve(name), local.resolve(name));
        }
        RemoteFileRuns.upload(local, "s3://logs/rotated");
        Path pipeline =
                RemoteFileRuns.rotatedPipeline(
                        dir,
                        "s3://logs/rotated/mail.log*",
                        "launcher",
                        S3ServerExtension.settings());
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
}
