package io.logaggregate.cli;

import io.logaggregate.job.PipelineSettings;
import io.logaggregate.ruby.RubyEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** {@code log-aggregate run|check PIPELINE}: thin entry point; the commands do the work. */
public final class Main {
    private Main() {}

    /** Set by {@link LocalLauncher}: the launcher's pid, whose end this process follows. */
    static final String LAUNCHER_PID = "log-aggregate.launcher.pid";

    public static void main(String[] args) {
        useProjectLogConfig(); // before any class that logs is loaded
        followLauncher();
        useDataDirectoryForTemporaryFiles(args);
        int code = execute(args);
        removeTemporaryFiles();
        System.exit(code);
    }

    /**
     * Started by the launcher, this JVM must not outlive it, whatever ended it (SIGKILL included):
     * a supervisor that restarts the service would otherwise get two jobs reading the same files.
     * When the launcher is gone, the job stops at once, as if the whole service had been killed;
     * the next run resumes from the last checkpoint.
     */
    private static void followLauncher() {
        String pid = System.getProperty(LAUNCHER_PID);
        if (pid == null) {
            return;
        }
        ProcessHandle.of(Long.parseLong(pid))
                .ifPresentOrElse(
                        launcher ->
                                launcher.onExit()
                                        .thenRun(
                                                () -> {
                                                    System.err.println(
                                                            "log-aggregate: the launcher"
                                                                    + " process is gone;"
                                                                    + " stopping");
                                                    removeTemporaryFiles();
                                                    Runtime.getRuntime().halt(137);
                                                }),
                        () -> Runtime.getRuntime().halt(137));
    }

    private static volatile Path processTmp;

    /**
     * Removes this process's temporary directory, and the data directory if that leaves it empty.
     */
    private static void removeTemporaryFiles() {
        Path tmp = processTmp;
        if (tmp == null) {
            return;
        }
        DataDirectory.deleteTree(tmp);
        try {
            Files.deleteIfExists(tmp.getParent()); // tmp/, unless another run uses it
            Files.deleteIfExists(tmp.getParent().getParent()); // the data dir, if nothing is kept
        } catch (IOException e) {
            // not empty: kept
        }
    }

    /**
     * A run's temporary files (the JVM's and its libraries', e.g. JRuby's native stubs) go to its
     * data directory ({@link DataDirectory#processTmp}), which the run removes at exit, or the next
     * run after a crash. Done before anything creates a temporary file: the JDK reads {@code
     * java.io.tmpdir} once.
     */
    private static void useDataDirectoryForTemporaryFiles(String[] args) {
        if (args.length < 2 || !args[0].equals("run")) {
            return;
        }
        try {
            CommandLine cli = new CommandLine(new RootCommand());
            CommandLine.ParseResult parsed = cli.parseArgs(args);
            if (!parsed.hasSubcommand()
                    || !(parsed.subcommand().commandSpec().userObject() instanceof RunCommand r)
                    || r.pipeline == null) {
                return;
            }
            PipelineSettings settings = PipelineSettings.load(r.pipeline);
            String configured = r.dataPath != null ? r.dataPath : settings.dataPath();
            Path tmp =
                    DataDirectory.processTmp(
                            DataDirectory.resolve(configured, settings.jobName(r.pipeline)));
            Files.createDirectories(tmp);
            System.setProperty("java.io.tmpdir", tmp.toString());
            processTmp = tmp;
        } catch (Exception e) {
            // the command itself reports bad arguments and settings
        }
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
        // log4j's own shutdown hook would stop logging while a run is still stopping (and its
        // aggregate stages report where they stored their maps); console output needs no flush.
        // Set before log4j starts, i.e. before any class that logs is loaded.
        if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
            System.setProperty("log4j2.shutdownHookEnabled", "false");
        }
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
