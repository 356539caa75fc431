package io.logaggregate.io.hdfs;

import static io.logaggregate.cli.LocalRuns.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.FlinkFileSystems;
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
 * Issue 12, item 2: the {@code file} output writes {@code hdfs://} paths through Flink's FileSink
 * (part files under the interpolated path; on HDFS an in-progress part is a hidden {@code
 * .part-...inprogress} file, renamed when a checkpoint completes or a bounded run ends) to a real
 * HDFS ({@link HdfsServerExtension}); the files read back hold exactly the job's golden events.
 */
@ExtendWith(HdfsServerExtension.class)
class HdfsFileOutputITCase {
    private static final Path POSTFIX = Path.of("").toAbsolutePath().resolve("jobs/postfix");

    private static final Map<String, String> SETTINGS = HdfsServerExtension.settings();

    @TempDir static Path dir;

    @BeforeAll
    static void fileSystems() {
        FlinkFileSystems.initialize(SETTINGS);
    }

    /**
     * jobs/postfix in batch mode at -p 2 into two outputs on HDFS: plain JSON lines in a folder per
     * day of the mail ({@code %{+YYYY-MM-dd}}), and gzip-compressed parts. Both hold the golden
     * events once each; no in-progress file is left.
     */
    @Test
    void postfixInBatchModeWritesItsGoldenEventsAsPartFiles() throws Exception {
        String base = HdfsServerExtension.uri() + "/archive/batch";
        Path conf =
                RemoteFileRuns.postfixPipeline(
                        dir,
                        "batch",
                        "mode => \"read\"",
                        """
                        file { path => "%1$s/plain/%%{+YYYY-MM-dd}" }
                        file { path => "%1$s/zipped" gzip => true part_prefix => "mail" }
                        """
                                .formatted(base),
                        SETTINGS);
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
        Map<String, String> plain = RemoteFileRuns.files(base + "/plain");
        assertThat(plain).isNotEmpty();
        // no in-progress (hidden) file is left after a bounded run
        assertThat(plain.keySet())
                .allMatch(k -> k.matches("2026-11-\\d\\d/part-[0-9a-f-]+-\\d+"), "part files");
        assertThat(GoldenEvents.diff(expected, RemoteFileRuns.lines(plain))).isEmpty();
        plain.forEach(
                (key, text) ->
                        assertThat(text.lines())
                                .allMatch(
                                        l ->
                                                l.contains(
                                                        "\"@timestamp\":\""
                                                                + key.substring(0, 10))));

        Map<String, String> zipped = RemoteFileRuns.files(base + "/zipped");
        assertThat(zipped.keySet()).allMatch(k -> k.matches("mail-[0-9a-f-]+-\\d+\\.gz"));
        assertThat(GoldenEvents.diff(expected, RemoteFileRuns.lines(zipped))).isEmpty();
    }

    /**
     * jobs/postfix tailing its (local) log in a streaming run of the packaged launcher, writing a
     * folder per host on HDFS, checkpoints every second: parts roll after a second without events
     * and become visible when the next checkpoint completes, while the job runs; the mails that end
     * are there once each, and still once each after the run is stopped with its savepoint.
     */
    @Test
    void aStreamingRunCommitsItsPartsAtCheckpoints() throws Exception {
        String base = HdfsServerExtension.uri() + "/archive/stream";
        Path input = dir.resolve("stream-mail.log");
        Files.copy(POSTFIX.resolve("mail.log"), input);
        Path conf =
                RemoteFileRuns.postfixPipeline(
                        dir,
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
                        SETTINGS,
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
                    "the ended mails in HDFS",
                    Duration.ofMinutes(3),
                    () ->
                            committedLines(base).stream()
                                                    .filter(l -> !l.contains("_aggregatetimeout"))
                                                    .count()
                                            >= ending
                                    || !run.process().isAlive());
            assertThat(run.process().isAlive()).as(LocalRuns.read(run.stderr())).isTrue();
            Map<String, String> files = RemoteFileRuns.visible(RemoteFileRuns.files(base));
            assertThat(files.keySet()).allMatch(k -> k.matches("mx[12]/part-[0-9a-f-]+-\\d+"));
            assertOnceEach(expected, RemoteFileRuns.lines(files));
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
            return RemoteFileRuns.lines(RemoteFileRuns.files(base));
        } catch (IOException e) {
            return List.of();
        }
    }
}
