package io.logaggregate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainPostfixLoopTest {
    @TempDir Path dir;

    @Test
    void oneEventPerMailLikeThePipeline() throws Exception {
        Path log = dir.resolve("mail.log");
        PostfixLogGenerator.Summary s = new PostfixLogGenerator().write(1000, log);
        PlainPostfixLoop.Result r = new PlainPostfixLoop(Path.of("conf/patterns")).run(log);
        assertThat(r.lines()).isEqualTo(s.lines());
        assertThat(r.events()).isEqualTo(1000);
    }

    @Test
    void openMailsArePushedAtTheEnd() throws Exception {
        Path log = dir.resolve("open.log");
        new PostfixLogGenerator(1, 200, PostfixLogGenerator.Shape.OPEN).write(500, log);
        assertThat(new PlainPostfixLoop(Path.of("conf/patterns")).run(log).events()).isEqualTo(500);
    }

    @Test
    void theSampleOfJobsPostfixGivesItsEightEvents() throws Exception {
        // jobs/postfix/expected.jsonl: 8 events, one of them a timeout
        PlainPostfixLoop.Result r =
                new PlainPostfixLoop(Path.of("conf/patterns"))
                        .run(Path.of("jobs/postfix/mail.log"));
        assertThat(r.events()).isEqualTo(8);
    }
}
