package io.logaggregate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * {@code java -jar target/log-aggregate.jar ...} as a user or a service manager starts it: in its
 * own process group (so a test can kill the whole group, as systemd does), in a working directory
 * of the test's, with {@code java.io.tmpdir} pointed at a folder the test watches, stdout and
 * stderr to files.
 */
public final class LocalRuns {
    public static final Path PROJECT = Path.of("").toAbsolutePath();
    public static final Path JAR = PROJECT.resolve("target/log-aggregate.jar");

    private LocalRuns() {}

    /** A started run. */
    public record Run(Process process, Path stdout, Path stderr) {
        public long pid() {
            return process.pid();
        }

        public String out() throws IOException {
            return read(stdout);
        }

        public String err() throws IOException {
            return read(stderr);
        }

        /** SIGKILL of the whole process group (launcher and child). */
        public void killGroup() throws Exception {
            new ProcessBuilder("kill", "-KILL", "--", "-" + pid()).inheritIO().start().waitFor();
            process.waitFor(30, TimeUnit.SECONDS);
        }

        /** SIGTERM to the launcher, then waits for its exit code. */
        public int stop() throws Exception {
            process.destroy();
            if (!process.waitFor(3, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("the run did not stop after SIGTERM");
            }
            return process.exitValue();
        }

        public int waitForExit(Duration d) throws Exception {
            if (!process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS)) {
                killGroup();
                throw new AssertionError("the run did not end within " + d + ":\n" + err());
            }
            return process.exitValue();
        }
    }

    public static Run start(Path cwd, Path tmp, String... args) throws IOException {
        Files.createDirectories(tmp);
        List<String> cmd = new ArrayList<>();
        cmd.add("setsid");
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Djava.io.tmpdir=" + tmp);
        cmd.add("-Dlog4j2.configurationFile=" + PROJECT.resolve("conf/log4j2.properties"));
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        String n = String.valueOf(System.nanoTime());
        Path out = cwd.resolve("stdout-" + n + ".txt");
        Path err = cwd.resolve("stderr-" + n + ".txt");
        Process p =
                new ProcessBuilder(cmd)
                        .directory(cwd.toFile())
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.PIPE)
                        .start();
        return new Run(p, out, err);
    }

    public static void await(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(250);
        }
    }

    public static String read(Path p) throws IOException {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return "";
        }
    }

    /** Lines of a file that contain {@code text}. */
    public static long count(Path p, String text) {
        try {
            return read(p).lines().filter(l -> l.contains(text)).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** The completed checkpoints and savepoints in a data directory. */
    public static List<Path> snapshots(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dataDir)) {
            return s.filter(f -> f.getFileName().toString().equals("_metadata")).toList();
        }
    }

    /** Everything under a folder, as relative paths (for "nothing left" assertions). */
    public static List<String> contents(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(f -> !f.equals(dir)).map(f -> dir.relativize(f).toString()).toList();
        }
    }

    public static void append(Path file, String text) throws IOException {
        Files.writeString(
                file,
                text,
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.APPEND);
    }
}
