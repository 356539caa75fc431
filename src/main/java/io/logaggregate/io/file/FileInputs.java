package io.logaggregate.io.file;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.ast.PluginDef;
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
import java.util.Set;
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

    static final Set<String> SETTINGS =
            Set.of(
                    "path",
                    "exclude",
                    "mode",
                    "start_position",
                    "stat_interval",
                    "discover_interval",
                    "delimiter",
                    "file_completed_action",
                    "file_completed_log_path",
                    "ignore_older",
                    "ecs_compatibility",
                    "sincedb_path",
                    "sincedb_clean_after",
                    "sincedb_write_interval");

    private FileInputs() {}

    public static InputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = new PluginSettings(def, SETTINGS);
        List<String> paths = s.stringList("path");
        if (paths.isEmpty()) {
            throw s.missing("path");
        }
        List<String> absolute = new ArrayList<>();
        for (String p : paths) {
            absolute.add(absolutePattern(p));
        }
        String mode = s.oneOf("mode", "tail", "tail", "read");
        String startPosition = s.oneOf("start_position", "end", "beginning", "end");
        long statMillis = Durations.millis(s, "stat_interval", 1000, 1000);
        long discoverMultiple = s.longValue("discover_interval", 15);
        if (discoverMultiple < 1) {
            throw s.invalid("discover_interval", "Must be at least 1");
        }
        String delimiter = s.string("delimiter", "\n");
        if (delimiter.isEmpty()) {
            throw s.invalid("delimiter", "The delimiter must not be empty");
        }
        long ignoreOlder = Durations.millis(s, "ignore_older", 0, 1000);
        for (String sincedb :
                List.of("sincedb_path", "sincedb_clean_after", "sincedb_write_interval")) {
            if (s.has(sincedb)) {
                LOG.warn(
                        "{}: {} is ignored: Flink checkpoints keep the read positions instead of"
                                + " a sincedb",
                        s.locationOf(sincedb),
                        sincedb);
            }
        }
        CompletedFileAction completed = completedAction(s);
        Decoder decoder = Codecs.decoder(s.codec("codec", "plain"));
        InputDecorator decorator = new InputDecorator(InputDecorator.Kind.FILE, s);
        GlobPaths globs = new GlobPaths(absolute, s.stringList("exclude"), ignoreOlder);
        String name = Names.operatorName(s);
        if (mode.equals("read")) {
            return new FileReadInput(
                    name, globs, new LineFileFormat(decoder, decorator, delimiter, completed));
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
        String action = s.oneOf("file_completed_action", null, "log", "delete", "log_and_delete");
        String logPath = s.string("file_completed_log_path");
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

    /** A glob made absolute against the current directory, with "." and ".." folded. */
    static String absolutePattern(String pattern) {
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
