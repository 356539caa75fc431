package io.logaggregate.io;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.flink.core.fs.FileStatus;
import org.apache.flink.core.fs.FileSystem;

/**
 * The {@code file} input over a file system other than the local disk (S3, HDFS), for the tests and
 * benchmarks of each: copy local files there through Flink's file system, write
 * jobs/postfix-rotated reading a URI with the file system's settings, run it in this JVM and take
 * its events.
 */
public final class RemoteFileRuns {
    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Path ROTATED = PROJECT.resolve("jobs/postfix-rotated");

    private RemoteFileRuns() {}

    /**
     * Copies the files under {@code from} to files under the URI {@code to} (through Flink's file
     * system of its scheme, set up beforehand); returns how many.
     */
    public static int upload(Path from, String to) throws IOException {
        int n = 0;
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                org.apache.flink.core.fs.Path target =
                        new org.apache.flink.core.fs.Path(
                                to + "/" + from.relativize(f).toString().replace('\\', '/'));
                try (OutputStream out =
                                target.getFileSystem()
                                        .create(target, FileSystem.WriteMode.OVERWRITE);
                        InputStream in = Files.newInputStream(f)) {
                    in.transferTo(out);
                }
                n++;
            }
        }
        return n;
    }

    /**
     * jobs/postfix-rotated's pipeline reading {@code path}, printing its events as JSON lines, as
     * {@code <dir>/<name>.conf}, with a settings file beside it holding {@code settings} (the file
     * system's, as a user would give them).
     */
    public static Path rotatedPipeline(
            Path dir, String path, String name, Map<String, String> settings) throws IOException {
        String text = Files.readString(ROTATED.resolve("pipeline.conf"));
        text = text.replace("\"jobs/postfix-rotated/mail.log*\"", "\"" + path + "\"");
        text = text.replace("\"conf/patterns\"", "\"" + PROJECT.resolve("conf/patterns") + "\"");
        text = text.substring(0, text.indexOf("\noutput {"));
        text += "\noutput {\n  stdout { codec => json_lines }\n}\n";
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, text);
        writeSettings(dir.resolve(name + ".yml"), "date.default_year: 2026\n", settings);
        return conf;
    }

    /** Runs jobs/postfix-rotated over {@code path} in this JVM, in batch mode; its events. */
    public static List<String> runRotated(Path dir, String path, Map<String, String> settings)
            throws IOException {
        Path conf = rotatedPipeline(dir, path, "run-" + Math.abs(path.hashCode()), settings);
        PrintStream oldOut = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            code = Main.execute("run", conf.toString(), "--mode", "batch", "-p", "2", "--quiet");
        } finally {
            System.setOut(oldOut);
        }
        assertThat(code).isZero();
        return out.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /**
     * Seconds a batch run of a plain {@code file} input over {@code path} into {@code null} takes
     * in this JVM, start of the job included (benchmarks).
     */
    public static double timeReadIntoNull(
            Path dir, String path, String parallelism, Map<String, String> settings)
            throws IOException {
        Path conf = dir.resolve("bench-" + Math.abs(path.hashCode()) + ".conf");
        Files.writeString(
                conf,
                "input { file { path => \""
                        + path
                        + "\" mode => \"read\" } }\noutput { null { } }\n");
        writeSettings(
                dir.resolve(conf.getFileName().toString().replace(".conf", ".yml")), "", settings);
        PrintStream out = System.out;
        long t0 = System.nanoTime();
        int code =
                Main.execute(
                        "run", conf.toString(), "--mode", "batch", "-p", parallelism, "--quiet");
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.setOut(out);
        if (code != 0) {
            throw new IllegalStateException("run failed: " + code);
        }
        return seconds;
    }

    /** Lines in the files under {@code dir}, .gz ones decompressed. */
    public static long countLines(Path dir) throws IOException {
        long n = 0;
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                try (InputStream in =
                        f.toString().endsWith(".gz")
                                ? new GZIPInputStream(Files.newInputStream(f))
                                : Files.newInputStream(f)) {
                    byte[] b = new byte[65536];
                    int r;
                    while ((r = in.read(b)) > 0) {
                        for (int i = 0; i < r; i++) {
                            if (b[i] == '\n') {
                                n++;
                            }
                        }
                    }
                }
            }
        }
        return n;
    }

    private static void writeSettings(Path yml, String head, Map<String, String> settings)
            throws IOException {
        StringBuilder s = new StringBuilder(head);
        for (Map.Entry<String, String> e : settings.entrySet()) {
            s.append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        Files.writeString(yml, s.toString());
    }

    /**
     * jobs/postfix's pipeline reading its log ({@code input}, default its own mail.log) with these
     * input settings instead of {@code mode => "read"}, writing to these outputs, as {@code
     * <dir>/<name>.conf}, with a settings file beside it holding {@code settings}.
     */
    public static Path postfixPipeline(
            Path dir,
            String name,
            String inputSettings,
            String outputs,
            Map<String, String> settings,
            Path... input)
            throws IOException {
        Path postfix = PROJECT.resolve("jobs/postfix");
        String text = Files.readString(postfix.resolve("pipeline.conf"));
        String log =
                input.length > 0 ? input[0].toString() : postfix.resolve("mail.log").toString();
        text =
                text.replace(
                        "path => \"jobs/postfix/mail.log\"\n    mode => \"read\"",
                        "path => \"" + log + "\"\n    " + inputSettings);
        text = text.replace("\"conf/patterns\"", "\"" + PROJECT.resolve("conf/patterns") + "\"");
        text = text.substring(0, text.indexOf("\noutput {"));
        text += "\noutput {\n" + outputs + "}\n";
        Path conf = dir.resolve(name + ".conf");
        Files.writeString(conf, text);
        writeSettings(dir.resolve(name + ".yml"), "date.default_year: 2026\n", settings);
        return conf;
    }

    /**
     * The files under a URI (by path relative to it) and their text, gunzipped where the name ends
     * in .gz; hidden ones (names starting with {@code _} or {@code .}: a FileSink's in-progress
     * parts) with no text.
     */
    public static Map<String, String> files(String prefix) throws IOException {
        Map<String, String> out = new TreeMap<>();
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(prefix);
        FileSystem fs = root.getFileSystem();
        if (!fs.exists(root)) {
            return out;
        }
        collect(fs, root, "", out);
        return out;
    }

    private static void collect(
            FileSystem fs, org.apache.flink.core.fs.Path at, String rel, Map<String, String> out)
            throws IOException {
        FileStatus[] children = fs.listStatus(at);
        if (children == null) {
            return;
        }
        for (FileStatus st : children) {
            String name = st.getPath().getName();
            String key = rel.isEmpty() ? name : rel + "/" + name;
            if (st.isDir()) {
                collect(fs, st.getPath(), key, out);
            } else if (hidden(name)) {
                out.put(key, "");
            } else {
                try (InputStream raw = fs.open(st.getPath());
                        InputStream in = name.endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
                    out.put(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
    }

    /** Hidden from readers, as by Hadoop's and Spark's: a name starting with _ or . */
    public static boolean hidden(String name) {
        return name.startsWith("_") || name.startsWith(".");
    }

    /** The files whose name is not hidden. */
    public static Map<String, String> visible(Map<String, String> files) {
        Map<String, String> out = new TreeMap<>(files);
        out.keySet().removeIf(k -> hidden(k.substring(k.lastIndexOf('/') + 1)));
        return out;
    }

    /** The non-blank lines of the visible files. */
    public static List<String> lines(Map<String, String> files) {
        List<String> out = new ArrayList<>();
        for (String text : visible(files).values()) {
            text.lines().filter(l -> !l.isBlank()).forEach(out::add);
        }
        return out;
    }
}
