package io.logaggregate.cli;

import static io.logaggregate.cli.LocalRuns.append;
import static io.logaggregate.cli.LocalRuns.await;
import static io.logaggregate.cli.LocalRuns.count;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar target/log-aggregate.jar run} as a service: what it leaves behind, what happens
 * to its JVM when the launcher is killed, and how it resumes, starts over, or refuses to resume.
 */
class LocalServiceITCase {
    @TempDir Path dir;

    private static final String AGGREGATE_PIPELINE =
            """
            input { file { path => "%s" start_position => "beginning" stat_interval => 0.2 } }
            filter {
              grok { match => { "message" => "%%{WORD:id} %%{NUMBER:n:int}" } }
              aggregate { task_id => "%%{id}" code => "map['n'] ||= 0; map['n'] += event.get('n')" }
            }
            output { stdout { codec => json_lines } }
            """;

    @Test
    void aRunLeavesNothingInTmp_andItsJvmDiesWithTheLauncher() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tmp = dir.resolve("tmp");
        Path input = dir.resolve("in.log");
        Files.writeString(input, "a 1\nb 2\n");
        Path read = dir.resolve("read.conf");
        Files.writeString(
                read,
                """
                input { file { path => "%s" mode => "read" } }
                output { stdout { codec => json_lines } }
                """
                        .formatted(input));

        // a bounded run: its temporary files were under ./data/read/tmp and are gone with it
        LocalRuns.Run bounded = LocalRuns.start(work, tmp, "run", read.toString());
        assertThat(bounded.waitForExit(Duration.ofMinutes(3))).as(bounded.err()).isZero();
        assertThat(count(bounded.stdout(), "\"message\"")).isEqualTo(2);
        assertThat(bounded.err()).contains("2 lines read · 2 events out");
        assertThat(LocalRuns.contents(tmp)).as("java.io.tmpdir after the run").isEmpty();
        assertThat(work.resolve("data/read")).as("a bounded run keeps no state").doesNotExist();

        // a following run whose launcher is killed: its JVM must not go on alone
        Path follow = dir.resolve("follow.conf");
        Files.writeString(follow, AGGREGATE_PIPELINE.formatted(input));
        LocalRuns.Run run = LocalRuns.start(work, tmp, "run", follow.toString());
        try {
            await("events", Duration.ofMinutes(3), () -> count(run.stdout(), "\"n\"") >= 2);
            List<ProcessHandle> children = run.process().toHandle().children().toList();
            assertThat(children).hasSize(1);
            ProcessHandle child = children.get(0);
            run.process().destroyForcibly(); // SIGKILL of the launcher only
            await("the child JVM to end", Duration.ofSeconds(30), () -> !child.isAlive());
        } finally {
            run.killGroup();
        }
        assertThat(LocalRuns.contents(tmp)).as("java.io.tmpdir after the kill").isEmpty();
    }

    @Test
    void aReadModeInputThatMatchesNoFileIsAnError() throws Exception {
        Path conf = dir.resolve("none.conf");
        Files.writeString(
                conf,
                """
                input { file { path => "%s/nothing-*.log" mode => "read" } }
                output { stdout { } }
                """
                        .formatted(dir));
        PrintStream saved = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            System.setErr(capture);
            code =
                    Main.execute(
                            "run", conf.toString(), "--path.data", dir.resolve("data").toString());
        } finally {
            System.setErr(saved);
        }
        assertThat(code).isEqualTo(3);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("no file matches [" + dir + "/nothing-*.log]");
    }

    @Test
    void freshStartsOver_andAPipelineThatCannotResumeIsRefused() throws Exception {
        Path work = Files.createDirectories(dir.resolve("work"));
        Path tmp = dir.resolve("tmp");
        Path input = dir.resolve("in.log");
        Files.writeString(input, "a 1\na 2\n");
        Path conf = dir.resolve("svc.conf");
        Files.writeString(conf, AGGREGATE_PIPELINE.formatted(input));
        Path data = work.resolve("data/svc"); // the default for svc.conf run from work/

        LocalRuns.Run first =
                LocalRuns.start(work, tmp, "run", conf.toString(), "--checkpoint-interval", "1s");
        await("events", Duration.ofMinutes(3), () -> count(first.stdout(), "\"n\"") >= 2);
        await(
                "a checkpoint",
                Duration.ofMinutes(1),
                () -> {
                    try {
                        return !LocalRuns.snapshots(data).isEmpty();
                    } catch (Exception e) {
                        return false;
                    }
                });
        first.stop();
        assertThat(first.err()).contains("savepoint written to");

        // the aggregate block removed: its open map ("a" => 3) has nowhere to go
        Files.writeString(
                conf,
                """
                input { file { path => "%s" start_position => "beginning" stat_interval => 0.2 } }
                filter { grok { match => { "message" => "%%{WORD:id} %%{NUMBER:n:int}" } } }
                output { stdout { codec => json_lines } }
                """
                        .formatted(input));
        LocalRuns.Run refused = LocalRuns.start(work, tmp, "run", conf.toString());
        assertThat(refused.waitForExit(Duration.ofMinutes(3))).isEqualTo(1);
        assertThat(refused.err())
                .contains("cannot resume from " + data.resolve("savepoints"))
                .contains("aggregate_id")
                .contains("--fresh");
        assertThat(refused.out()).isEmpty();

        // --allow-non-restored-state: the removed block's map is dropped, the read position kept
        LocalRuns.Run dropping =
                LocalRuns.start(work, tmp, "run", conf.toString(), "--allow-non-restored-state");
        try {
            await(
                    "the resumed run",
                    Duration.ofMinutes(3),
                    () -> count(dropping.stderr(), "dropping the state of") >= 1);
            append(input, "c 7\n");
            await(
                    "the new line",
                    Duration.ofMinutes(1),
                    () -> count(dropping.stdout(), "\"c\"") >= 1);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\n" + dropping.err(), e);
        } finally {
            dropping.stop();
        }
        assertThat(dropping.err()).contains("aggregate_id").contains("resuming from");
        // only the appended line: what the first run had read is not read again
        assertThat(count(dropping.stdout(), "\"n\"")).isEqualTo(1);

        // --fresh: from the start of the file again, as the first run did
        LocalRuns.Run fresh = LocalRuns.start(work, tmp, "run", conf.toString(), "--fresh");
        try {
            await("events", Duration.ofMinutes(3), () -> count(fresh.stdout(), "\"n\"") >= 2);
            append(input, "b 5\n");
            await("a new line", Duration.ofMinutes(1), () -> count(fresh.stdout(), "\"b\"") >= 1);
        } finally {
            fresh.stop();
        }
        assertThat(fresh.err()).doesNotContain("resuming");
        assertThat(LocalRuns.contents(tmp)).isEmpty();
    }
}
