package io.logaggregate.cli;

import io.logaggregate.job.GoldenEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code test JOB_DIR}: a pipeline author's test loop, like Logstash's filter verifier. Runs the
 * folder's {@code pipeline.conf} (else its {@code conf.d/} folder; its inputs name the sample
 * input) and compares what its {@code stdout { codec => json_lines }} output prints with the
 * folder's {@code expected.jsonl}, by the rules of {@link GoldenEvents}; the golden tests use this
 * same command.
 *
 * <p>Each run mode and parallelism of the folder's {@code golden.properties} ({@code
 * modes=streaming,batch}, {@code parallelism=1,2,4} when absent; {@code streaming.parallelism} or
 * {@code batch.parallelism} for one mode only) is run, unless {@code --mode} or {@code -p} pick
 * one.
 */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        description =
                "Run a job folder's pipeline.conf over its sample input and compare the events with"
                        + " its expected.jsonl; exit 1 when they differ.")
public final class TestCommand implements Callable<Integer> {
    @Parameters(
            index = "0",
            paramLabel = "JOB_DIR",
            description = "A folder with pipeline.conf and expected.jsonl.")
    Path jobDir;

    @Option(names = "--mode", description = "Only this mode: streaming or batch.")
    RunCommand.Mode mode;

    @Option(
            names = {"-p", "--parallelism"},
            description = "Only this parallelism.")
    Integer parallelism;

    /** One run of the job: its mode, its parallelism. */
    public record Variant(String mode, int parallelism) {
        @Override
        public String toString() {
            return mode + " p=" + parallelism;
        }
    }

    /** The outcome of one run: exit code of the run, and the diff (empty = as expected). */
    public record Outcome(Variant variant, int exitCode, List<String> diff, int events) {
        public boolean passed() {
            return exitCode == 0 && diff.isEmpty();
        }
    }

    @Override
    public Integer call() throws IOException {
        Path expectedFile = jobDir.resolve("expected.jsonl");
        if (!Files.exists(pipelineOf(jobDir)) || !Files.isRegularFile(expectedFile)) {
            System.err.println(
                    "log-aggregate: "
                            + jobDir
                            + " needs a pipeline.conf (or a conf.d/ folder) and an expected.jsonl"
                            + " (the events the pipeline must print with stdout { codec =>"
                            + " json_lines })");
            return 2;
        }
        List<Variant> variants = variants(jobDir);
        if (mode != null || parallelism != null) {
            List<Variant> picked = new ArrayList<>();
            for (Variant v : variants) {
                if ((mode == null || v.mode().equals(mode.name()))
                        && (parallelism == null || v.parallelism() == parallelism)) {
                    picked.add(v);
                }
            }
            if (picked.isEmpty()) {
                picked.add(
                        new Variant(
                                mode != null ? mode.name() : variants.get(0).mode(),
                                parallelism != null ? parallelism : 1));
            }
            variants = picked;
        }
        int failed = 0;
        int exit = 0;
        for (Variant v : variants) {
            Outcome o = run(jobDir, v);
            PrintStream out = System.out;
            if (o.passed()) {
                out.printf("PASS %s (%s): %d events as expected%n", jobDir, v, o.events());
                continue;
            }
            failed++;
            if (o.exitCode() != 0) {
                out.printf(
                        "FAIL %s (%s): the run ended with exit code %d%n", jobDir, v, o.exitCode());
                exit = Math.max(exit, o.exitCode());
                continue;
            }
            out.printf(
                    "FAIL %s (%s): %d events, %d lines differ (- expected, + actual):%n",
                    jobDir, v, o.events(), o.diff().size());
            for (String line : o.diff()) {
                out.println("  " + line);
            }
            exit = Math.max(exit, 1);
        }
        if (variants.size() > 1) {
            System.out.printf(
                    "%s: %d of %d runs passed%n",
                    jobDir, variants.size() - failed, variants.size());
        }
        return exit;
    }

    /** The folder's {@code pipeline.conf}, else its {@code conf.d/} directory of pipeline files. */
    public static Path pipelineOf(Path jobDir) {
        Path file = jobDir.resolve("pipeline.conf");
        return Files.exists(file) ? file : jobDir.resolve("conf.d");
    }

    /** The runs a job folder asks for ({@code golden.properties}). */
    public static List<Variant> variants(Path jobDir) throws IOException {
        Properties props = new Properties();
        Path p = jobDir.resolve("golden.properties");
        if (Files.exists(p)) {
            try (var r = Files.newBufferedReader(p)) {
                props.load(r);
            }
        }
        List<Variant> out = new ArrayList<>();
        for (String m : props.getProperty("modes", "streaming,batch").split(",")) {
            String all = props.getProperty("parallelism", "1,2,4");
            for (String par : props.getProperty(m.trim() + ".parallelism", all).split(",")) {
                out.add(new Variant(m.trim(), Integer.parseInt(par.trim())));
            }
        }
        return out;
    }

    /**
     * Runs the job once in this JVM (a local MiniCluster) and compares its stdout with the expected
     * events. The run's stderr (logs) passes through.
     */
    public static Outcome run(Path jobDir, Variant v) throws IOException {
        List<String> expected = Files.readAllLines(jobDir.resolve("expected.jsonl"));
        PrintStream saved = System.out;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int code;
        try (PrintStream capture = new PrintStream(buf, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            CommandLine cli = new CommandLine(new RunCommand());
            cli.setCaseInsensitiveEnumValuesAllowed(true);
            code =
                    cli.execute(
                            pipelineOf(jobDir).toString(),
                            "--mode",
                            v.mode(),
                            "-p",
                            String.valueOf(v.parallelism()),
                            "--quiet");
        } finally {
            System.setOut(saved);
        }
        List<String> actual = List.of(buf.toString(StandardCharsets.UTF_8).split("\n"));
        if (code != 0) {
            return new Outcome(v, code, List.of(), 0);
        }
        List<String> diff;
        try {
            diff = GoldenEvents.diff(expected, actual);
        } catch (IOException e) {
            // not JSON lines: show what was printed
            diff = new ArrayList<>();
            diff.add("! the output is not JSON lines (" + e.getMessage() + ")");
            for (String a : actual) {
                diff.add("+ " + a);
            }
        }
        int events = (int) actual.stream().filter(l -> !l.isBlank()).count();
        return new Outcome(v, 0, diff, events);
    }
}
