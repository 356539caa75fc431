package io.logaggregate.cli;

import io.logaggregate.bench.PostfixLogGenerator;
import java.nio.file.Path;
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
        subcommands = {BenchCommand.Generate.class})
public final class BenchCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "Missing command: generate or run");
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
                names = "--open",
                description = "Leave every mail open (no qmgr removed line): each is an open task.")
        boolean open;

        @Parameters(index = "0", paramLabel = "FILE", description = "The log file to write.")
        Path file;

        @Override
        public Integer call() {
            PostfixLogGenerator.Summary s =
                    new PostfixLogGenerator(seed, rate, open).write(mails, file);
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
