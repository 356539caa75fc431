package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code test JOB_DIR}: a pipeline author's loop over a jobs/ folder. */
class TestCommandTest {
    @TempDir Path dir;

    private record Result(int code, String out) {}

    private static Result test(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            String[] all = new String[args.length + 1];
            all[0] = "test";
            System.arraycopy(args, 0, all, 1, args.length);
            code = Main.execute(all);
        } finally {
            System.setOut(saved);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aJobThatGivesItsExpectedEventsPasses() {
        Result r = test("jobs/example1", "--mode", "batch", "-p", "1");
        assertThat(r.out()).startsWith("PASS jobs/example1 (batch p=1): ");
        assertThat(r.code()).isZero();
    }

    @Test
    void aDifferencePrintsADiffAndExitsWithOne() throws Exception {
        Path job = Files.createDirectories(dir.resolve("example1"));
        Files.copy(Path.of("jobs/example1/pipeline.conf"), job.resolve("pipeline.conf"));
        List<String> expected = Files.readAllLines(Path.of("jobs/example1/expected.jsonl"));
        String changed = expected.get(0).replaceFirst("\\{", "{\"extra\":1,");
        List<String> edited = new java.util.ArrayList<>(expected);
        edited.set(0, changed);
        Files.write(job.resolve("expected.jsonl"), edited, StandardCharsets.UTF_8);

        Result r = test(job.toString(), "--mode", "batch", "-p", "1");

        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out())
                .contains("FAIL " + job + " (batch p=1): 9 events, 2 lines differ")
                .contains("(- expected, + actual)")
                .contains("  - {")
                .contains("\"extra\":1")
                .contains("  + {");
    }

    @Test
    void aFolderWithoutExpectedEventsIsAUsageError() {
        assertThat(test(dir.toString()).code()).isEqualTo(2);
    }
}
