package io.logaggregate.cli;

import picocli.CommandLine.Command;

/** The top-level command: only subcommands. */
@Command(
        name = "log-aggregate",
        mixinStandardHelpOptions = true,
        version = "log-aggregate 0.1.0",
        description = "Runs Logstash aggregate pipelines as Apache Flink jobs.",
        subcommands = {RunCommand.class, CheckCommand.class, TestCommand.class, BenchCommand.class})
public final class RootCommand implements Runnable {
    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(
                new picocli.CommandLine(this), "Missing command: run, check, test or bench");
    }
}
