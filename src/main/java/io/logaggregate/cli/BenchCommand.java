package io.logaggregate.cli;

import io.logaggregate.bench.BenchPipeline;
import io.logaggregate.bench.PostfixBenchmark;
import io.logaggregate.bench.PostfixLogGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench}: the throughput benchmark (README "Throughput") and its log generator. {@code bench
 * generate} writes synthetic postfix logs; {@code bench run} measures the postfix pipeline on them.
 */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmark: generate postfix logs, measure the postfix pipeline.",
        subcommands = {
            BenchCommand.Run.class,
            BenchCommand.Generate.class,
            BenchCommand.State.class
        })
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "Missing command: run, state or generate");
    }

    /** Where the project is: the working directory (conf/, jobs/), else the jar's parent's. */
    static Path project() {
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isRegularFile(cwd.resolve(BenchPipeline.SOURCE))) {
            return cwd;
        }
        Path jar = jar();
        Path up = jar.getParent() == null ? null : jar.getParent().getParent();
        if (up != null && Files.isRegularFile(up.resolve(BenchPipeline.SOURCE))) {
            return up;
        }
        throw new IllegalStateException(
                "run the benchmark from the project directory (it needs "
                        + BenchPipeline.SOURCE
                        + " and conf/patterns)");
    }

    /** The local-run jar: the one this runs from, else target/log-aggregate.jar. */
    static Path jar() {
        try {
            Path self =
                    Path.of(
                            BenchCommand.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
            if (self.toString().endsWith(".jar")) {
                return self;
            }
        } catch (Exception e) {
            // not from a jar
        }
        return Path.of("target", "log-aggregate.jar").toAbsolutePath();
    }

    /** Options shared by the measuring subcommands. */
    static class Common {
        @Option(
                names = "--dir",
                description = "Where inputs, logs and result.json go (default: target/bench).")
        Path dir = Path.of("target", "bench");

        @Option(
                names = "--jvm-option",
                description =
                        "An option of the measured runs' JVM, e.g. --jvm-option=-Xmx12g"
                                + " (repeatable; the launcher passes it on to the job's JVM).")
        List<String> jvmOptions = new ArrayList<>();

        PostfixBenchmark benchmark(
                long mails, List<Integer> ps, List<String> modes, boolean linear, long open) {
            Path jar = jar();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " is missing: build first (mvn -B -q -DskipTests package)");
            }
            return new PostfixBenchmark(
                    new PostfixBenchmark.Options(
                            project(),
                            jar,
                            dir.toAbsolutePath(),
                            mails,
                            ps,
                            modes,
                            linear,
                            open,
                            jvmOptions),
                    System.out);
        }
    }

    /** {@code bench run [--mails N]}: the table. */
    @Command(
            name = "run",
            mixinStandardHelpOptions = true,
            description =
                    "Measure the postfix pipeline on generated logs (README \"Throughput\"):"
                            + " streaming and batch at parallelism 1 and 2, the plain Java loop,"
                            + " 10x the input, heap per open task. Prints a table, writes"
                            + " result.json.")
    static final class Run extends Common implements Callable<Integer> {
        @Option(names = "--mails", description = "Mails of the main input (default: 100000).")
        long mails = 100_000;

        @Option(
                names = "--parallelism",
                split = ",",
                description = "Parallelisms to run (default: 1,2).")
        List<Integer> parallelisms = List.of(1, 2);

        @Option(
                names = "--modes",
                split = ",",
                description = "Modes to run (default: streaming,batch).")
        List<String> modes = List.of("streaming", "batch");

        @Option(
                names = "--open-mails",
                description =
                        "Open mails held to measure heap per open task; 0 skips it (default:"
                                + " 100000).")
        long openMails = 100_000;

        @Option(names = "--no-linear", description = "Skip the run on a tenth of the input.")
        boolean noLinear;

        @Override
        public Integer call() throws Exception {
            boolean ok = benchmark(mails, parallelisms, modes, !noLinear, openMails).run();
            return ok ? 0 : 1;
        }
    }

    /** {@code bench state --tasks N --state-backend B}: millions of open tasks. */
    @Command(
            name = "state",
            mixinStandardHelpOptions = true,
            description =
                    "Hold N open postfix tasks in one streaming run with the given state backend,"
                            + " then push them all on timeout; prints time, CPU and peak RSS.")
    static final class State extends Common implements Callable<Integer> {
        @Option(names = "--tasks", description = "Open tasks (default: 5000000).")
        long tasks = 5_000_000;

        @Option(names = "--state-backend", description = "heap or rocksdb (default: heap).")
        String backend = "heap";

        @Override
        public Integer call() throws Exception {
            boolean ok =
                    benchmark(0, List.of(1), List.of("streaming"), false, 0)
                            .openTasks(tasks, backend);
            return ok ? 0 : 1;
        }
    }

    /** {@code bench generate --mails N FILE}. */
    @Command(
            name = "generate",
            mixinStandardHelpOptions = true,
            description =
                    "Write synthetic postfix logs (format of jobs/postfix/mail.log): N mails of"
                            + " 8-12 lines, interleaved, several hosts and recipients, deferred"
                            + " and bounced mails; the same seed gives the same file.")
    static final class Generate implements Callable<Integer> {
        @Option(names = "--mails", description = "How many mails (default: 100000).")
        long mails = 100_000;

        @Option(names = "--seed", description = "Random seed (default: 42).")
        long seed = 42;

        @Option(names = "--rate", description = "New mails per second of log time (default: 200).")
        double rate = 200;

        @Option(
                names = "--shape",
                description =
                        "complete (default), open (no qmgr removed line: every mail stays an open"
                                + " task) or first_line (only the smtpd client= line of each"
                                + " mail).")
        PostfixLogGenerator.Shape shape = PostfixLogGenerator.Shape.COMPLETE;

        @Parameters(index = "0", paramLabel = "FILE", description = "The log file to write.")
        Path file;

        @Override
        public Integer call() {
            PostfixLogGenerator.Summary s =
                    new PostfixLogGenerator(seed, rate, shape).write(mails, file);
            System.err.printf(
                    Locale.ROOT,
                    "log-aggregate: wrote %,d mails, %,d lines, %.1f MB to %s%n",
                    s.mails(),
                    s.lines(),
                    s.bytes() / 1e6,
                    file);
            return 0;
        }
    }
}
