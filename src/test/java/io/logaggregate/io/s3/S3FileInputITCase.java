package io.logaggregate.io.s3;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.LocalRuns;
import io.logaggregate.cli.Main;
import io.logaggregate.job.GoldenEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.core.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12, item 2: the {@code file} input reads {@code s3://} URIs through Flink's S3 file system
 * (flink-s3-fs-hadoop on the local run's class path) from a real S3-compatible server ({@link
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
        int uploaded = upload(local, "s3://logs/year");
        assertThat(uploaded).isGreaterThan(100);

        List<String> fromLocal = run(local + "/**/mail.log*");
        List<String> fromS3 = run("s3://logs/year/**/mail.log*");

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
        upload(local, "s3://logs/rotated");
        Path pipeline = pipeline("s3://logs/rotated/mail.log*", "launcher");
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

    /** Copies the files under {@code from} to objects under {@code to}; returns how many. */
    static int upload(Path from, String to) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                org.apache.flink.core.fs.Path target =
                        new org.apache.flink.core.fs.Path(
                                to + "/" + from.relativize(f).toString().replace('\\', '/'));
                try (OutputStream out =
                                target.getFileSystem()
                                        .create(target, FileSystem.WriteMode.OVERWRITE);
                        InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                n++;
            }
        }
        return n;
    }

    /**
     * jobs/postfix-rotated's pipeline reading {@code path}, printing its events as JSON lines, with
     * a settings file that points Flink's S3 file system at the test server.
     */
    static Path pipeline(String path, String name) throws IOException {
        String text = Files.readString(ROTATED.resolve("pipeline.conf"));
        text = text.replace("\"jobs/postfix-rotated/mail.log*\"", "\"" + path + "\"");
        text = text.replace("\"conf/patterns\"", "\"" + PROJECT.resolve("conf/patterns") + "\"");
        text = text.substring(0, text.indexOf("\noutput {"));
        text += "\noutput {\n  stdout { codec => json_lines }\n}\n";
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, text);
        StringBuilder yml = new StringBuilder("date.default_year: 2026\n");
        for (Map.Entry<String, String> e : S3ServerExtension.settings().entrySet()) {
            yml.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Files.writeString(dir.resolve(name + ".yml"), yml.toString());
        return conf;
    }

    /** Runs the pipeline over {@code path} in this JVM, in batch mode; its events. */
    private static List<String> run(String path) throws IOException {
        Path conf = pipeline(path, "run-" + Math.abs(path.hashCode()));
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.execute("run", conf.toString(), "--mode", "batch", "-p", "2", "--quiet");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }
}
