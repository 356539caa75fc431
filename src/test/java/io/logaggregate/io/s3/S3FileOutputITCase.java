package io.logaggregate.io.s3;

import static io.logaggregate.cli.LocalRuns.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.LocalRuns;
import io.logaggregate.cli.Main;
import io.logaggregate.io.RemoteFileRuns;
import io.logaggregate.job.GoldenEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: the {@code file} output writes {@code s3://} paths through Flink's FileSink
 * (part files under the interpolated path, committed when a checkpoint completes or a bounded run
 * ends) to a real S3-compatible server ({@link S3ServerExtension}); the objects read back hold
 * exactly the job's golden events.
 */
@ExtendWith(S3ServerExtension.class)
class S3FileOutputITCase {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path POSTFIX = PROJECT.resolve("jobs/postfix");

    @TempDir static Path dir;

    @BeforeAll
    static void fileSystems() {
        S3ServerExtension.initializeFileSystems();
    }

    /**
     * jobs/postfix in batch mode at -p 2 into two outputs on the bucket: plain JSON lines in a
     * folder per day of the mail ({@code %{+YYYY-MM-dd}}), and gzip-compressed parts. Both hold the
     * golden events once each; nothing in progress is left.
     */
    @Test
    void postfixInBatchModeWritesItsGoldenEventsAsPartFiles() throws Exception {
        String base = "s3://archive/batch-" + System.nanoTime();
        Path conf =
                pipeline(
                        "batch",
                        "mode => \"read\"",
                        """
                        file { path => "%1$s/plain/%%{+YYYY-MM-dd}" }
                        file { path => "%1$s/zipped" gzip => true part_prefix => "mail" }
                        """
                                .formatted(base));
        int code;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.execute("run", conf.toString(), "--mode", "batch", "-p", "2", "--quiet");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).as(out.toString(StandardCharsets.UTF_8)).isZero();

        List<String> expected = Files.readAllLines(POSTFIX.resolve("expected.jsonl"));
        Map<String, String> plain = objects(base + "/plain");
        assertThat(plain).isNotEmpty();
        // nothing in progress or hidden is left after a bounded run
        assertThat(plain.keySet())
                .allMatch(k -> k.matches("2026-11-\\d\\d/part-[0-9a-f-]+-\\d+"), "part files");
        assertThat(GoldenEvents.diff(expected, lines(plain))).isEmpty();
        // each event in the folder of its day
        plain.forEach(
                (key, text) ->
                        text.lines()
                                .forEach(
                                        l ->
                                                assertThat(l)
                                                        .contains(
                                                                "\"@timestamp\":\""
                                                                        + key.substring(0, 10))));

        Map<String, String> zipped = objects(base + "/zipped");
        assertThat(zipped.keySet()).allMatch(k -> k.matches("mail-[0-9a-f-]+-\\d+\\.gz"));
        assertThat(GoldenEvents.diff(expected, lines(zipped))).isEmpty();
    }

    /**
     * jobs/postfix tailing its log in streaming runs of the packaged launcher, checkpoints every
     * second; parts roll after a second without events and appear in the bucket when the next
     * checkpoint completes, while the job runs. The first run sees the log's first 36 lines (3
     * mails end there) and is killed (SIGKILL, no savepoint) once their parts are committed and a
     * checkpoint has been taken after that; the rest of the log is appended and a second run
     * resumes from the last checkpoint (read positions, open maps, the sink's in-progress parts).
     * The mails that end (all but the one the aggregate would time out 10 minutes of event time
     * later) are in the bucket once each, and still once each after the second run has been stopped
     * with its savepoint.
     */
    @Test
    void aStreamingRunCommitsItsPartsAtCheckpointsAndACrashWritesNothingTwice() throws Exception {
        String base = "s3://archive/stream-" + System.nanoTime();
        Path input = dir.resolve("stream-mail.log");
        List<String> log = Files.readAllLines(POSTFIX.resolve("mail.log"));
        Files.write(input, log.subList(0, 36));
        Path conf =
                pipeline(
                        "stream",
                        "start_position => \"beginning\" stat_interval => 0.2",
                        """
                        file {
                          path => "%s/%%{hostname}"
                          inactivity_interval => 1
                          bucket_check_interval => 0.5
                        }
                        """
                                .formatted(base),
                        input);
        List<String> expected = Files.readAllLines(POSTFIX.resolve("expected.jsonl"));
        Path work = Files.createDirectories(dir.resolve("stream-work"));
        String[] args = {"run", conf.toString(), "--checkpoint-interval", "1s"};

        LocalRuns.Run first = LocalRuns.start(work, dir.resolve("stream-tmp"), args);
        try {
            awaitEndedMails(first, base, 3);
            Map<String, String> objects = visible(objects(base));
            assertThat(objects.keySet()).allMatch(k -> k.matches("mx[12]/part-[0-9a-f-]+-\\d+"));
            assertThat(lines(objects)).hasSize(3);
            // killed after a checkpoint taken once those parts were committed, so the test does
            // not depend on where the kill lands (right after a commit, the resumed run commits
            // those parts again: Flink's S3 committer takes S3's NoSuchUpload answer for done)
            long seen = System.currentTimeMillis();
            Path data = work.resolve("data/stream");
            await(
                    "a checkpoint after the commits",
                    Duration.ofMinutes(1),
                    () -> newestSnapshot(data) > seen + 1000);
        } finally {
            first.killGroup(); // a crash: what is left is the last checkpoint
        }
        assertThat(first.err()).doesNotContain("savepoint written to");

        Files.write(input, log.subList(36, log.size()), StandardOpenOption.APPEND);
        LocalRuns.Run second = LocalRuns.start(work, dir.resolve("stream-tmp"), args);
        try {
            long ending = expected.stream().filter(l -> !l.contains("_aggregatetimeout")).count();
            awaitEndedMails(second, base, ending);
            assertThat(second.err()).contains("resuming from");
            assertOnceEach(expected, committedLines(base));
        } finally {
            second.stop();
        }
        assertThat(second.err()).contains("savepoint written to");
        assertOnceEach(expected, committedLines(base));
    }

    private static long newestSnapshot(Path data) {
        try {
            long newest = 0;
            for (Path p : LocalRuns.snapshots(data)) {
                newest = Math.max(newest, Files.getLastModifiedTime(p).toMillis());
            }
            return newest;
        } catch (IOException e) {
            return 0;
        }
    }

    private static void awaitEndedMails(LocalRuns.Run run, String base, long n) throws Exception {
        try {
            awaitCommitted(run, base, n);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + run.err(), e);
        }
        assertThat(run.process().isAlive()).as(LocalRuns.read(run.stderr())).isTrue();
    }

    private static void awaitCommitted(LocalRuns.Run run, String base, long n) throws Exception {
        await(
                n + " ended mails in the bucket",
                // a launcher's start, a restore and a commit: slow on a loaded machine
                Duration.ofMinutes(5),
                () ->
                        committedLines(base).stream()
                                                .filter(l -> !l.contains("_aggregatetimeout"))
                                                .count()
                                        >= n
                                || !run.process().isAlive());
    }

    /**
     * The golden events once each; the mail the aggregate times out may be missing (it is pushed
     * when the watermark passes its timeout, which a streaming run need not reach).
     */
    private static void assertOnceEach(List<String> expected, List<String> actual)
            throws IOException {
        assertThat(GoldenEvents.diff(expected, actual))
                .allMatch(d -> d.startsWith("- ") && d.contains("_aggregatetimeout"));
    }

    private static List<String> committedLines(String base) {
        try {
            return lines(objects(base));
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * jobs/postfix's pipeline reading its log with these input settings, with these outputs, and a
     * settings file that points Flink's S3 file system at the test server.
     */
    private static Path pipeline(String name, String inputSettings, String outputs, Path... input)
            throws IOException {
        return RemoteFileRuns.postfixPipeline(
                dir, name, inputSettings, outputs, S3ServerExtension.settings(), input);
    }

    /** The objects under a prefix (by key relative to it) and their text (RemoteFileRuns#files). */
    static Map<String, String> objects(String prefix) throws IOException {
        return RemoteFileRuns.files(prefix);
    }

    private static Map<String, String> visible(Map<String, String> objects) {
        return RemoteFileRuns.visible(objects);
    }

    private static List<String> lines(Map<String, String> objects) {
        return RemoteFileRuns.lines(objects);
    }
}
