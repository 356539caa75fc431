package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.bench.BenchPipeline;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench generate}, and the postfix pipeline making one event per generated mail. */
class BenchCommandTest {
    @TempDir Path dir;

    @Test
    void generatedMailsBecomeOneEventEachThroughThePostfixPipeline() throws Exception {
        Path log = dir.resolve("mail.log");
        CliTest.Result g = CliTest.execute("bench", "generate", "--mails", "300", log.toString());
        assertThat(g.exitCode()).as(g.err()).isZero();
        assertThat(g.err()).contains("wrote 300 mails");
        assertThat(Files.readAllLines(log)).hasSizeGreaterThan(300 * 8);

        Path conf = dir.resolve("bench.conf");
        BenchPipeline.write(Path.of("").toAbsolutePath(), log, conf, false, false);
        CliTest.Result r =
                CliTest.execute(
                        "run",
                        conf.toString(),
                        "--mode",
                        "batch",
                        "--path.data",
                        dir.resolve("data").toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).contains(" 300 events out ", " 0 tasks pushed by timeout ");
        // (grok failures: the connect, disconnect and cleanup lines no pattern matches)
    }
}
