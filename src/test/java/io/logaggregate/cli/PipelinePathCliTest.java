package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A pipeline given as a directory or a glob, as Logstash's {@code path.config}: its files joined in
 * lexical order, and a mistake reported in the file and at the line where it is — not at an offset
 * into the joined text.
 */
class PipelinePathCliTest {
    private static final String DIR = "src/test/resources/pipelines/";

    private static void assertConfOk(CliTest.Result r, String name) {
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out())
                .startsWith("Pipeline " + name + "\n  inputs: 1")
                .contains("aggregate task_id \"%{taskid}\": keyed, 1 block(s)")
                // each plugin keeps its own file and line
                .contains("stdout (" + DIR + "conf.d/90-output.conf:2:3)")
                .endsWith("Configuration OK\n");
    }

    @Test
    void checkOfADirectoryJoinsItsFiles() {
        // the editor backup (~), the hidden file and the sub-directory hold garbage: skipped
        assertConfOk(CliTest.execute("check", DIR + "conf.d"), DIR + "conf.d");
    }

    @Test
    void checkOfAGlob() {
        assertConfOk(CliTest.execute("check", DIR + "conf.d/*.conf"), DIR + "conf.d/*.conf");
    }

    @Test
    void settingErrorInTheSecondFileNamesThatFileAndLine() {
        for (String path : new String[] {DIR + "broken.d", DIR + "broken.d/*.conf"}) {
            for (String command : new String[] {"check", "run"}) {
                CliTest.Result r = CliTest.execute(command, path);
                assertThat(r.exitCode()).as(command + " " + path).isEqualTo(1);
                assertThat(r.out()).isEmpty();
                assertThat(r.err())
                        .contains(
                                "log-aggregate: configuration error\n"
                                        + DIR
                                        + "broken.d/20-filter.conf:8:5: Unknown setting 'tiemout'"
                                        + " for aggregate")
                        .endsWith("    tiemout => 5\n    ^\n")
                        .doesNotContain("\tat ");
            }
        }
    }

    @Test
    void syntaxErrorInTheSecondFileNamesThatFileAndLine() {
        CliTest.Result r = CliTest.execute("check", DIR + "syntax.d");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err())
                .contains(
                        "log-aggregate: configuration error\n"
                                + DIR
                                + "syntax.d/20-filter.conf:3:24: Expected \"=>\" but found"
                                + " `\"b\"` at line 3, column 24 (byte 44)")
                .endsWith("    add_field => { \"a\" \"b\" }\n                       ^\n");
    }

    @Test
    void aSectionMayEndInALaterFile(@TempDir Path dir) throws Exception {
        // Logstash joins the texts before parsing, so this is one valid pipeline
        Files.writeString(dir.resolve("a.conf"), "input { stdin { } }\nfilter {\n");
        Files.writeString(dir.resolve("b.conf"), "  mutate { add_tag => [\"x\"] }\n}\n");
        Files.writeString(dir.resolve("c.conf"), "output { stdout { } }\n");
        CliTest.Result r = CliTest.execute("check", dir.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("mutate").endsWith("Configuration OK\n");
    }

    @Test
    void nothingToRead(@TempDir Path dir) {
        CliTest.Result empty = CliTest.execute("check", dir.toString());
        assertThat(empty.exitCode()).isEqualTo(1);
        assertThat(empty.err())
                .isEqualTo("log-aggregate: no pipeline files in directory " + dir + "\n");
        CliTest.Result glob = CliTest.execute("check", dir + "/*.conf");
        assertThat(glob.exitCode()).isEqualTo(1);
        assertThat(glob.err())
                .isEqualTo("log-aggregate: no pipeline file matches " + dir + "/*.conf\n");
    }
}
