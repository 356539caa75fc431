package io.logaggregate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The pipeline the benchmark runs: jobs/postfix/pipeline.conf as it is, but reading a generated log
 * and writing to the {@code null} output, with a settings file pinning the year of the syslog
 * timestamps. Optionally it follows its input (tail mode, from the beginning), so that the job
 * waits with its open tasks in state, and holds tasks a year (timeout), so that none expires while
 * the log's clock advances.
 */
public final class BenchPipeline {
    private BenchPipeline() {}

    /** The pipeline file the benchmark starts from, relative to the project directory. */
    public static final String SOURCE = "jobs/postfix/pipeline.conf";

    /**
     * Writes {@code conf} (and its {@code .yml}) reading {@code input}.
     *
     * @param tail follow the input instead of reading it once
     * @param holdOpen a year's timeout instead of 600 s
     */
    public static void write(Path project, Path input, Path conf, boolean tail, boolean holdOpen)
            throws IOException {
        String text = Files.readString(project.resolve(SOURCE));
        text =
                replace(
                        text,
                        "path => \"jobs/postfix/mail.log\"",
                        "path => \"" + input.toAbsolutePath() + "\"");
        text =
                replace(
                        text,
                        "patterns_dir => [\"conf/patterns\"]",
                        "patterns_dir => [\"" + project.resolve("conf/patterns") + "\"]");
        if (tail) {
            text =
                    replace(
                            text,
                            "mode => \"read\"",
                            "mode => \"tail\"\n    start_position => \"beginning\"");
        }
        if (holdOpen) {
            text = replace(text, "timeout => 600", "timeout => 31536000");
        }
        int output = text.lastIndexOf("\noutput {");
        if (output < 0) {
            throw new IllegalStateException(SOURCE + " has no output section");
        }
        text = text.substring(0, output) + "\noutput {\n  null {}\n}\n";
        Files.writeString(conf, text);
        String name = conf.getFileName().toString();
        Files.writeString(
                conf.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".yml"),
                "date.default_year: 2026\n");
    }

    private static String replace(String text, String what, String with) {
        if (!text.contains(what)) {
            throw new IllegalStateException(SOURCE + " no longer contains " + what);
        }
        return text.replace(what, with);
    }
}
