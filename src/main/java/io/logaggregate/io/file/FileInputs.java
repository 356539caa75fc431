package io.logaggregate.io.file;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.ByteSizes;
import io.logaggregate.io.Durations;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.codec.Codecs;
import io.logaggregate.io.codec.Decoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} input's settings, checked on the client.
 *
 * <p>Differences from Logstash, on purpose:
 *
 * <ul>
 *   <li>{@code file_completed_action} defaults to doing nothing (Logstash deletes): see {@link
 *       CompletedFileAction}.
 *   <li>{@code sincedb_*} settings are accepted and ignored with a warning: Flink checkpoints (and
 *       savepoints) keep the read positions instead.
 *   <li>A relative {@code path} is resolved against the current directory (Logstash refuses it).
 *   <li>Tail mode does not follow {@code .gz} files (they cannot grow line by line); read mode
 *       decompresses them, as Logstash does.
 * </ul>
 */
public final class FileInputs {
    private static final Logger LOG = LoggerFactory.getLogger(FileInputs.class);

    private static final String NO_SINCEDB =
            "Flink checkpoints keep the read positions instead of a sincedb";

    public static final PluginSpec SPEC =
            PluginSpec.input("file")
                    .option(
                            "path",
                            PluginSpec.Kind.ARRAY,
                            null,
                            true,
                            "files to read: globs (** too), relative to the working directory;"
                                    + " or URIs: s3://bucket/logs/**/*.log, hdfs://, file://")
                    .array("exclude", null, "globs of file names to leave out")
                    .oneOf(
                            "mode",
                            "tail",
                            "tail: follow the files; read: read each once, then end",
                            "tail",
                            "read")
                    .oneOf(
                            "start_position",
                            "end",
                            "tail mode: where a file seen first is read from",
                            "beginning",
                            "end")
                    .duration("stat_interval", "1 second", "how often files are checked for growth")
                    .number(
                            "discover_interval",
                            15,
                            "new files are looked for every N stat_interval")
                    .string("delimiter", "\n", "the end of a line")
                    .duration("ignore_older", null, "skip files not modified for this long")
                    .oneOf(
                            "file_completed_action",
                            null,
                            "read mode: what to do with a file read to its end; default nothing",
                            "log",
                            "delete",
                            "log_and_delete")
                    .path(
                            "file_completed_log_path",
                            null,
                            "read mode: where completed files are logged")
                    .bytes(
                            "split_size",
                            "64mb",
                            "batch mode: a larger plain file is read in ranges of at most this size,"
                                    + " in parallel")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "disabled: host, path; v1, v8: [host][name], [log][file][path]",
                            "disabled",
                            "v1",
                            "v8")
                    .codecOption("codec", "plain", "how lines become events")
                    .accepted("sincedb_path", PluginSpec.Kind.PATH, null, NO_SINCEDB)
                    .accepted("sincedb_clean_after", PluginSpec.Kind.DURATION, null, NO_SINCEDB)
                    .accepted("sincedb_write_interval", PluginSpec.Kind.DURATION, null, NO_SINCEDB);

    private FileInputs() {}

    public static InputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        List<String> paths = s.getList("path");
        if (paths.isEmpty()) {
            throw s.missing("path");
        }
        List<String> absolute = new ArrayList<>();
        for (String p : paths) {
            absolute.add(absolutePattern(p));
        }
        String mode = s.getString("mode");
        String startPosition = s.getString("start_position");
        long statMillis = Durations.millis(s, "stat_interval", 1000);
        long discoverMultiple = s.getLong("discover_interval");
        if (discoverMultiple < 1) {
            throw s.invalid("discover_interval", "Must be at least 1");
        }
        String delimiter = s.getString("delimiter");
        if (delimiter.isEmpty()) {
            throw s.invalid("delimiter", "The delimiter must not be empty");
        }
        long ignoreOlder = Durations.millis(s, "ignore_older", 1000);
        for (PluginSpec.Option o : SPEC.options()) {
            if (o.ignored() && s.has(o.name())) {
                LOG.warn("{}: {} is ignored: {}", s.locationOf(o.name()), o.name(), o.doc());
            }
        }
        CompletedFileAction completed = completedAction(s);
        Decoder decoder = Codecs.decoder(s.getCodec("codec"));
        InputDecorator decorator = new InputDecorator(InputDecorator.Kind.FILE, s);
        GlobPaths globs = new GlobPaths(absolute, s.getList("exclude"), ignoreOlder);
        String name = Names.operatorName(s);
        if (!mode.equals("read")) {
            for (String p : absolute) {
                if (!GlobPaths.isLocal(p)) {
                    throw s.invalid("path", tailRefused(p));
                }
            }
        }
        if (mode.equals("read")) {
            return new FileReadInput(
                    name,
                    globs,
                    new LineFileFormat(decoder, decorator, delimiter, completed),
                    ByteSizes.of(s, "split_size"));
        }
        return new FileTailInput(
                name,
                new TailFileSource(
                        globs,
                        startPosition.equals("end"),
                        statMillis,
                        statMillis * discoverMultiple,
                        delimiter,
                        decoder,
                        decorator));
    }

    private static CompletedFileAction completedAction(PluginSettings s) {
        String action = s.getString("file_completed_action");
        String logPath = s.getString("file_completed_log_path");
        if (action == null) {
            return new CompletedFileAction(false, logPath == null ? null : absolutePath(logPath));
        }
        if (action.contains("log") && logPath == null) {
            throw s.error(
                    "file_completed_action",
                    "The \"file_completed_log_path\" setting must be provided when the"
                            + " \"file_completed_action\" is set to \"log\" or \"log_and_delete\"");
        }
        return new CompletedFileAction(
                action.contains("delete"), action.contains("log") ? absolutePath(logPath) : null);
    }

    /**
     * Why tail mode is refused for a path on another file system. An S3 object never grows (it is
     * replaced whole). An HDFS file does grow (appends), but Flink's file system shows no file
     * identity (an inode, HDFS's file id) to follow a log through its rotation (mail.log renamed to
     * mail.log.1 and a new mail.log), which is what tail mode does on a local disk.
     */
    static String tailRefused(String path) {
        String why =
                path.startsWith("hdfs:")
                        ? "an HDFS file grows by appends, but Flink's file system shows no file"
                                + " identity to follow a log through its rotation (mail.log renamed"
                                + " to mail.log.1)"
                        : "its objects never grow (an S3 object is replaced whole)";
        return "Tail mode follows growing local files; "
                + path
                + " is on another file system: "
                + why
                + ". Read it with mode => \"read\" (--mode batch over each closed period), or ship"
                + " the live log through Kafka";
    }

    /**
     * A glob made absolute against the current directory, with "." and ".." folded. A {@code
     * file://} URI is a local path; another URI ({@code s3://bucket/logs/*.log}) is kept as it is.
     */
    static String absolutePattern(String pattern) {
        if (pattern.startsWith("file:")) {
            // file:///var/log/x, file:/var/log/x, file://localhost/var/log/x
            String rest = pattern.substring("file:".length());
            if (rest.startsWith("//")) {
                int slash = rest.indexOf('/', 2);
                rest = slash < 0 ? "/" : rest.substring(slash);
            }
            pattern = rest;
        } else if (!GlobPaths.isLocal(pattern)) {
            return pattern;
        }
        String p = pattern.startsWith("/") ? pattern : cwd() + "/" + pattern;
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..") && !out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                out.remove(out.size() - 1);
            } else {
                out.add(part);
            }
        }
        return "/" + String.join("/", out);
    }

    private static String absolutePath(String path) {
        return Path.of(path).toAbsolutePath().normalize().toString();
    }

    private static String cwd() {
        return Path.of("").toAbsolutePath().toString();
    }
}
