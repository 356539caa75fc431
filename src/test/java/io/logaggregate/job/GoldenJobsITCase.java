package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.Main;
import io.logaggregate.cli.TestCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every jobs/ folder is a golden test: its pipeline over its sample input, run through the CLI (as
 * a user runs it, here {@code log-aggregate test jobs/<job>}) in a local MiniCluster, gives exactly
 * its {@code expected.jsonl} — in streaming and batch mode, at parallelism 1, 2 and 4. A folder may
 * narrow that with a {@code golden.properties} ({@code modes=streaming}, {@code parallelism=1}).
 * The pipeline is the folder's {@code pipeline.conf}, else its {@code conf.d/} directory.
 */
class GoldenJobsITCase {

    static Stream<Arguments> jobs() throws IOException {
        List<Arguments> runs = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(Path.of("jobs"))) {
            // -Dgolden.jobs=postfix,example1 runs only those folders
            String only = System.getProperty("golden.jobs", "");
            for (Path dir : dirs.sorted().toList()) {
                if (!Files.exists(dir.resolve("expected.jsonl"))) {
                    continue;
                }
                if (!only.isBlank()
                        && !List.of(only.split(",")).contains(dir.getFileName().toString())) {
                    continue;
                }
                for (TestCommand.Variant v : TestCommand.variants(dir)) {
                    runs.add(Arguments.of(dir.getFileName().toString(), v.mode(), v.parallelism()));
                }
            }
        }
        return runs.stream();
    }

    @ParameterizedTest(name = "{0} {1} p={2}")
    @MethodSource("jobs")
    void producesExpectedEvents(String job, String mode, int parallelism) throws Exception {
        TestCommand.Outcome o =
                TestCommand.run(Path.of("jobs", job), new TestCommand.Variant(mode, parallelism));
        assertThat(o.exitCode()).as("exit code of %s (%s, p=%d)", job, mode, parallelism).isZero();
        assertThat(o.diff())
                .as(
                        "events of %s (%s, parallelism %d): - expected, + actual",
                        job, mode, parallelism)
                .isEmpty();
    }

    /** Runs the CLI ({@code run ARGS}) in this JVM and returns what it printed on stdout. */
    static List<String> run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            String[] all = new String[args.length + 1];
            all[0] = "run";
            System.arraycopy(args, 0, all, 1, args.length);
            code = Main.execute(all);
        } finally {
            System.setOut(saved);
        }
        assertThat(code).as("exit code of run %s", Arrays.toString(args)).isZero();
        return List.of(buf.toString(StandardCharsets.UTF_8).split("\n"));
    }
}
