package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.jobgraph.SavepointConfigOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tail mode against a live file: lines appended while the job runs come out once each, a line
 * written in two parts comes out whole, a new matching file is picked up, and a job restored from a
 * savepoint continues at the saved offsets. Waits are bounded polls for the expected output, never
 * timing assertions.
 */
class FileTailModeITCase {
    @TempDir Path dir;

    private JobClient startJob(Path out, String savepoint) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(SavepointConfigOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(2, conf);
        InputSpec input =
                Inputs.create(
                        def(
                                "input",
                                "file",
                                "path",
                                dir + "/logs/*.log",
                                "start_position",
                                "beginning",
                                "stat_interval",
                                "100 ms",
                                "discover_interval",
                                2L),
                        IoContext.ofCurrentDirectory());
        assertThat(input.bounded()).isFalse();
        Outputs.create(
                        def(
                                "output",
                                "file",
                                "path",
                                out.toString(),
                                "codec",
                                Defs.codec("line", "format", "%{message}|%{path}"),
                                "flush_interval",
                                0L),
                        IoContext.ofCurrentDirectory())
                .attach(input.build(env));
        return env.executeAsync("tail");
    }

    private static void append(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Polls until the file has {@code n} lines (at most 60 s). */
    private static List<String> awaitLines(Path file, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.exists(file) ? Files.readAllLines(file) : List.of();
            if (lines.size() >= n) {
                return lines;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void followsAppendsNewFilesAndRestoresFromSavepoint() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        Path app = logs.resolve("app.log");
        Path out = dir.resolve("out.txt");
        append(app, "l0\nl1\n");

        JobClient job = startJob(out, null);
        assertThat(awaitLines(out, 2)).containsExactly("l0|" + app, "l1|" + app);

        append(app, "l2\nl3 first half");
        Path other = logs.resolve("other.log");
        append(other, "o0\n");
        assertThat(awaitLines(out, 4))
                .containsExactlyInAnyOrder("l0|" + app, "l1|" + app, "l2|" + app, "o0|" + other);

        String savepoint =
                job.stopWithSavepoint(
                                false,
                                dir.resolve("sp").toUri().toString(),
                                SavepointFormatType.CANONICAL)
                        .get(60, TimeUnit.SECONDS);

        // written while the job is down: the rest of the split line, and more
        append(app, ", second half\nl4\n");
        append(other, "o1\n");
        JobClient restored = startJob(out, savepoint);
        List<String> lines = awaitLines(out, 7);
        restored.cancel().get(60, TimeUnit.SECONDS);
        Thread.sleep(300);

        assertThat(Files.readAllLines(out))
                .containsExactlyInAnyOrder(
                        "l0|" + app,
                        "l1|" + app,
                        "l2|" + app,
                        "o0|" + other,
                        "l3 first half, second half|" + app,
                        "l4|" + app,
                        "o1|" + other);
        assertThat(lines).hasSize(7);
    }
}
