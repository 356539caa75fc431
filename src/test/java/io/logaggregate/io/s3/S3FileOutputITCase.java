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
     * jobs/postfix tailing its log in a streaming run of the packaged launcher, checkpoints every
     * second: parts roll after a second without events and appear in the bucket when the next
     * checkpoint completes, while the job runs. The mails that end (all but the one the aggregate
     * would time out 10 minutes of event time later) are there once each, and still once each after
     * the run has been stopped with its savepoint.
     */
    @Test
    void aStreamingRunCommitsItsPartsAtCheckpoints() throws Exception {
        String base = "s3://archive/stream-" + System.nanoTime();
        Path input = dir.resolve("stream-mail.log");
        Files.copy(POSTFIX.resolve("mail.log"), input);
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
        long ending = expected.stream().filter(l -> !l.contains("_aggregatetimeout")).count();
        Path work = Files.createDirectories(dir.resolve("stream-work"));
        LocalRuns.Run run =
                LocalRuns.start(
                        work,
                        dir.resolve("stream-tmp"),
                        "run",
                        conf.toString(),
                        "--checkpoint-interval",
                        "1s");
        try {
            await(
                    "the ended mails in the bucket",
                    Duration.ofMinutes(3),
                    () ->
                            committedLines(base).stream()
                                                    .filter(l -> !l.contains("_aggregatetimeout"))
                                                    .count()
                                            >= ending
                                    || !run.process().isAlive());
            assertThat(run.process().isAlive()).as(LocalRuns.read(run.stderr())).isTrue();
            Map<String, String> objects = visible(objects(base));
            assertThat(objects.keySet()).allMatch(k -> k.matches("mx[12]/part-[0-9a-f-]+-\\d+"));
            assertOnceEach(expected, lines(objects));
        } finally {
            run.stop();
        }
        assertThat(run.err()).contains("savepoint written to");
        assertOnceEach(expected, committedLines(base));
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
