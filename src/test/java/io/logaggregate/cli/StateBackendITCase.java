package io.logaggregate.cli;

import static io.logaggregate.cli.LocalRuns.append;
import static io.logaggregate.cli.LocalRuns.await;
import static io.logaggregate.cli.LocalRuns.count;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.job.GoldenEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --state-backend rocksdb}: the same events as the heap backend, and a run killed after a
 * checkpoint resumes its open maps from that RocksDB checkpoint.
 */
class StateBackendITCase {
    @TempDir Path dir;

    @Test
    void rocksdbGivesThePostfixJobsGoldenEvents() throws Exception {
        CliTest.Result r =
                CliTest.execute(
                        "run",
                        "jobs/postfix/pipeline.conf",
                        "--state-backend",
                        "rocksdb",
                        "-p",
                        "2",
                        "--quiet",
                        "--path.data",
                        dir.resolve("data").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        List<String> expected = Files.readAllLines(Path.of("jobs/postfix/expected.jsonl"));
        assertThat(GoldenEvents.diff(expected, List.of(r.out().split("\n")))).isEmpty();
    }

    @Test
    void aRunKilledAfterARocksdbCheckpointResumesItsOpenMaps() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tmp = dir.resolve("tmp");
        Path input = dir.resolve("in.log");
        Files.writeString(input, "a 1\na 2\n");
        Path conf = dir.resolve("svc.conf");
        Files.writeString(
                conf,
                """
                input { file { path => "%s" start_position => "beginning" stat_interval => 0.2 } }
                filter {
                  grok { match => { "message" => "%%{WORD:id} %%{NUMBER:n:int}" } }
                  aggregate {
                    task_id => "%%{id}"
                    code => "map['n'] ||= 0; map['n'] += event.get('n'); event.set('total', map['n'])"
                  }
                }
                output { stdout { codec => json_lines } }
                """
                        .formatted(input));
        Path data = work.resolve("data/svc");
        String[] args = {
            "run", conf.toString(), "--state-backend", "rocksdb", "--checkpoint-interval", "1s"
        };

        LocalRuns.Run first = LocalRuns.start(work, tmp, args);
        try {
            await("events", Duration.ofMinutes(3), () -> count(first.stdout(), "\"total\":3") >= 1);
            // the keyed state is in a RocksDB database under the run's temporary folder
            assertThat(rocksdbFiles(data)).isNotEmpty();
            long seen = System.currentTimeMillis();
            await(
                    "a checkpoint taken after both lines",
                    Duration.ofMinutes(1),
                    () -> newestSnapshot(data) > seen + 1000);
        } finally {
            first.killGroup(); // a crash: no savepoint, the checkpoint is what is left
        }
        assertThat(first.err()).doesNotContain("savepoint written to");

        LocalRuns.Run second = LocalRuns.start(work, tmp, args);
        try {
            await(
                    "the resumed run",
                    Duration.ofMinutes(3),
                    () -> count(second.stderr(), "resuming from") >= 1);
            append(input, "a 3\n");
            await(
                    "the new line",
                    Duration.ofMinutes(1),
                    () -> count(second.stdout(), "\"a\"") >= 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + second.err(), e);
        } finally {
            second.stop();
        }
        // the map held 1 + 2 before the crash: the new line makes it 6; only the new line is read
        assertThat(second.out()).contains("\"total\":6");
        assertThat(count(second.stdout(), "\"total\"")).isEqualTo(1);
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

    /** OPTIONS files of RocksDB databases (one per keyed operator instance). */
    private static List<Path> rocksdbFiles(Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data)) {
            return s.filter(p -> p.getFileName().toString().startsWith("OPTIONS-")).toList();
        } catch (java.io.UncheckedIOException e) {
            return List.of(); // a folder removed while walking
        }
    }
}
