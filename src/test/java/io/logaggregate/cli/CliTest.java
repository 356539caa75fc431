package io.logaggregate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 2, "done when": a broken pipeline exits non-zero with Logstash's message and its {@code
 * file:line:column}, never a stack trace. Each case runs {@code check}, which compiles the pipeline
 * exactly as {@code run} does but starts no job.
 */
class CliTest {
    private static final String DIR = "src/test/resources/pipelines/";

    /** What one command line did: its exit code and what it printed. */
    record Result(int exitCode, String out, String err) {}

    /** Runs the CLI in this JVM, capturing what it prints; other CLI tests use it too. */
    static Result execute(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Main.execute(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        return new Result(
                code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code check} on a broken pipeline and checks the common promises: non-zero exit,
     * nothing on stdout, the configuration-error headline, the location, no stack trace.
     */
    private static String brokenCheck(String name, int line, int column, String message) {
        Result r = execute("check", DIR + name);
        assertThat(r.exitCode()).as("exit code").isEqualTo(1);
        assertThat(r.out()).as("stdout").isEmpty();
        // log lines (e.g. JRuby's start) may come first; they are stderr too
        assertThat(r.err())
                .contains(
                        "log-aggregate: configuration error\n"
                                + DIR
                                + name
                                + ":"
                                + line
                                + ":"
                                + column
                                + ": "
                                + message)
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
        return r.err();
    }

    @Test
    void syntaxErrorMissingClosingBrace() {
        // the grok block is left open, so `output` is read as a filter plugin and `stdout` as
        // its first setting: the error is where the parser first cannot go on, as in Logstash
        String err =
                brokenCheck(
                        "missing-brace.conf",
                        10,
                        10,
                        "Expected \"=>\" but found `{` at line 10, column 10 (byte 109)");
        assertThat(err).endsWith("  stdout { codec => json_lines }\n         ^\n");
    }

    @Test
    void syntaxErrorMissingArrow() {
        String err =
                brokenCheck(
                        "missing-arrow.conf",
                        6,
                        13,
                        "Expected \"=>\" but found `\"%{taskid}\"` at line 6, column 13");
        assertThat(err).endsWith("    task_id \"%{taskid}\"\n            ^\n");
    }

    @Test
    void unknownSetting() {
        String err =
                brokenCheck(
                        "unknown-setting.conf", 8, 5, "Unknown setting 'tiemout' for aggregate");
        // errors found after parsing show the offending line too
        assertThat(err).endsWith("    tiemout => 5\n    ^\n");
    }

    @Test
    void unknownPlugin() {
        brokenCheck(
                "unknown-plugin.conf",
                5,
                3,
                "Couldn't find any filter plugin named 'agregate'. Are you sure this is correct?");
    }

    @Test
    void patternsMetInBothOrdersAreRefused() {
        brokenCheck(
                "patterns-in-a-cycle.conf",
                3,
                3,
                "Aggregate blocks with task_id '%{session}' and '%{request}' can be met in both"
                        + " orders by one event");
    }

    @Test
    void staticTaskId() {
        brokenCheck(
                "static-task-id.conf",
                6,
                5,
                "Aggregate plugin: task_id pattern 'static' must contain a dynamic expression like"
                        + " '%{field}'");
    }

    @Test
    void badMapAction() {
        brokenCheck(
                "bad-map-action.conf",
                8,
                5,
                "Invalid setting for aggregate filter plugin: map_action => \"upsert\": Expected"
                        + " one of [\"create\", \"update\", \"create_or_update\"], got"
                        + " [\"upsert\"]");
    }

    @Test
    void missingCode() {
        String err =
                brokenCheck(
                        "missing-code.conf",
                        5,
                        3,
                        "Missing a required setting for the aggregate filter plugin");
        assertThat(err).contains("code => # SETTING MISSING").endsWith("  aggregate {\n  ^\n");
    }

    @Test
    void inactivityTimeoutAboveTimeout() {
        brokenCheck(
                "inactivity-above-timeout.conf",
                9,
                5,
                "Aggregate plugin: For task_id pattern %{taskid}, inactivity_timeout (120) must be"
                        + " lower than timeout (60)");
    }

    @Test
    void twoBlocksOfOnePatternWithTimeoutOptions() {
        // the second block with timeout options is the one reported
        brokenCheck(
                "two-timeout-blocks.conf",
                10,
                3,
                "Aggregate plugin: For task_id pattern '%{taskid}', there are more than one filter"
                        + " which defines timeout options. All timeout options have to be defined"
                        + " in only one aggregate filter per task_id pattern. Timeout options are"
                        + " : timeout, inactivity_timeout, timeout_code,"
                        + " push_map_as_event_on_timeout, push_previous_map_as_event,"
                        + " timeout_timestamp_field, timeout_task_id_field, timeout_tags");
    }

    @Test
    void rubySyntaxErrorInCodeNamesTheBlock() {
        String err =
                brokenCheck(
                        "ruby-syntax-error.conf",
                        5,
                        3,
                        "Aggregate plugin: code is not valid Ruby: ");
        assertThat(err).contains("syntax error").endsWith("  aggregate {\n  ^\n");
    }

    @Test
    void timeoutIsNotANumber() {
        brokenCheck(
                "timeout-not-a-number.conf",
                8,
                5,
                "Invalid setting for aggregate filter plugin: timeout => \"abc\": This setting"
                        + " must be a number. Expected number, got \"abc\"");
    }

    @Test
    void undefinedVariable() {
        String err =
                brokenCheck(
                        "undefined-variable.conf",
                        8,
                        16,
                        "Cannot evaluate `${LOG_AGGREGATE_UNDEFINED_TIMEOUT}`. Replacement"
                                + " variable `LOG_AGGREGATE_UNDEFINED_TIMEOUT` is not defined in"
                                + " a Logstash secret store or as an Environment entry and there"
                                + " is no default value given.");
        assertThat(err)
                .endsWith(
                        "    timeout => \"${LOG_AGGREGATE_UNDEFINED_TIMEOUT}\"\n"
                                + "               ^\n");
    }

    @Test
    void conditionWithBadRegex() {
        brokenCheck(
                "bad-regex-condition.conf",
                5,
                19,
                "Invalid regular expression /task(/: Unclosed group");
    }

    @Test
    void missingPipelineFile() {
        Result r = execute("check", DIR + "no-such-pipeline.conf");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .isEqualTo(
                        "log-aggregate: no such pipeline file: " + DIR + "no-such-pipeline.conf\n");
    }

    @Test
    void runReportsConfigurationErrorsLikeCheckAndStartsNoJob() {
        Result r = execute("run", DIR + "static-task-id.conf");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err())
                .contains(
                        "log-aggregate: configuration error\n"
                                + DIR
                                + "static-task-id.conf:6:5: Aggregate plugin: task_id pattern"
                                + " 'static' must contain a dynamic expression like '%{field}'")
                .doesNotContain("\tat ");
    }

    @Test
    void checkOfAValidPipelinePrintsItsStages() {
        Result r = execute("check", "jobs/example1/pipeline.conf");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.err()).doesNotContain("\tat ");
        assertThat(r.out())
                .startsWith("Pipeline jobs/example1/pipeline.conf\n  inputs: 1 (bounded)\n")
                .contains("    0  filters (stateless, chained to the inputs)\n")
                .contains(
                        "    1  aggregate task_id \"%{taskid}\": keyed, 3 block(s), timeout 120s,"
                                + " inactivity 120s, processing time\n")
                .contains("  outputs:\n    stdout (jobs/example1/pipeline.conf:")
                .endsWith("Configuration OK\n");
    }

    @Test
    void checkPrintsEveryPluginsSettingsWrittenOrDefaultAligned() {
        Result r = execute("check", DIR + "settings-report.conf");
        assertThat(r.exitCode()).as(r.err()).isZero();
        String at = DIR + "settings-report.conf:";
        assertThat(r.out())
                .contains(
                        "  settings (set: written in the file, default: the plugin's default):\n"
                                + "    input generator ("
                                + at
                                + "3:3)\n"
                                + "      lines              set      [\"a\", \"b\"]\n"
                                + "      message            default  \"Hello world!\"\n"
                                + "      count              set      1\n"
                                + "      ecs_compatibility  default  \"disabled\"\n"
                                + "      codec              default  plain\n"
                                + "    filter mutate ("
                                + at
                                + "7:5)\n"
                                + "      coerce          -\n")
                .contains(
                        "      tag_on_failure  default  \"_mutate_error\"\n"
                                + "      add_tag         set      [\"first\"]\n"
                                + "      enable_metric   set      false  (ignored: Flink's metrics"
                                + " are always on)\n")
                .contains("      codec  set      line { format => \"%{message}\" }\n")
                .contains("      user                          set      \"writer\"\n")
                .contains("      password                      set      <secret>\n")
                .contains("      flush_size                    set      100\n")
                .contains("      flush_bytes                   default  \"20mb\"\n")
                .doesNotContain("s3cret")
                .endsWith("Configuration OK\n");
    }

    @Test
    void checkShowsValuesAsThePluginReadsThem() {
        Result r = execute("check", "jobs/example1/pipeline.conf");
        assertThat(r.out())
                .contains(
                        "    filter aggregate (jobs/example1/pipeline.conf:33:5)\n"
                                + "      (the timeout options hold for every block of the task_id"
                                + " pattern: see its stage above)\n"
                                + "      task_id                       set      \"%{taskid}\"\n")
                .contains("      end_of_task                   set      true\n")
                .contains("      timeout                       set      120\n")
                .contains("      start_position           default  \"end\"\n")
                .contains("      delimiter                default  \"\\n\"\n");
    }
}
