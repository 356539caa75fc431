package io.logaggregate.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.TestCommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch mode reads a file larger than {@code split_size} in byte ranges by several readers, and its
 * results do not change: jobs/postfix, its mail.log cut in ranges of 500 bytes (a range boundary
 * inside most mails) and read at parallelism 2, gives exactly its golden events.
 */
class SplitFileGoldenITCase {
    @TempDir Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void postfixInTinyRangesAtParallelism2GivesTheGoldenEvents() throws Exception {
        Path job = Path.of("jobs", "postfix");
        String pipeline = Files.readString(job.resolve("pipeline.conf"));
        String read = "mode => \"read\"";
        assertThat(pipeline).contains(read);
        Files.writeString(
                dir.resolve("pipeline.conf"),
                pipeline.replace(read, read + "\n    split_size => 500"));
        Files.copy(job.resolve("pipeline.yml"), dir.resolve("pipeline.yml"));
        Files.copy(job.resolve("expected.jsonl"), dir.resolve("expected.jsonl"));
        assertThat(Files.size(job.resolve("mail.log"))).isGreaterThan(10 * 500);

        TestCommand.Outcome o = TestCommand.run(dir, new TestCommand.Variant("batch", 2));

        assertThat(o.exitCode()).isZero();
        assertThat(o.diff()).as("events: - expected, + actual").isEmpty();
    }
}
