package io.logaggregate.cli;

import io.logaggregate.ruby.RubyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code log-aggregate run|check PIPELINE}: thin entry point; the commands do the work. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (for tests). */
    public static int execute(String... args) {
        useProjectLogConfig();
        if (args.length > 1
                && (args[0].equals("run") || args[0].equals("check"))
                && mayRunRuby(Path.of(args[1]))) {
            // compiling a pipeline checks its Ruby code: start JRuby (a second or more) now,
            // so it overlaps parsing the command line and the pipeline file
            RubyEngine.preload();
        }
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        return cli.execute(args);
    }

    /** A cheap look: only pipelines with an aggregate or ruby block need JRuby. */
    private static boolean mayRunRuby(Path pipeline) {
        try {
            String text = Files.readString(pipeline);
            return text.contains("aggregate") || text.contains("ruby");
        } catch (IOException | RuntimeException e) {
            return false; // the command reports an unreadable file itself
        }
    }

    /** Local runs log through conf/log4j2.properties (to stderr) unless told otherwise. */
    private static void useProjectLogConfig() {
        if (System.getProperty("log4j2.configurationFile") != null
                || System.getProperty("log4j.configurationFile") != null) {
            return;
        }
        Path conf = Path.of("conf", "log4j2.properties");
        if (Files.isRegularFile(conf)) {
            System.setProperty("log4j2.configurationFile", conf.toAbsolutePath().toString());
        }
    }
}
