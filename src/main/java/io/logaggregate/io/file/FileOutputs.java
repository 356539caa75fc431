package io.logaggregate.io.file;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.io.Durations;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.codec.Codecs;
import java.nio.file.Path;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The {@code file} output's settings, checked on the client: {@code path} (with {@code %{field}}
 * and {@code %{+YYYY-MM-dd}} per event), {@code codec} (default {@code json_lines}), {@code
 * flush_interval} (seconds, default 2; 0 writes after every event), {@code gzip}, {@code
 * write_behavior}, {@code filename_failure}, {@code file_mode} / {@code dir_mode} (octal digits,
 * e.g. 644).
 *
 * <p>Files are opened for each flush and closed again, so {@code create_if_deleted => true} (the
 * default) and {@code stale_cleanup_interval} hold without further work; {@code create_if_deleted
 * => false} is not supported.
 */
public final class FileOutputs {
    public static final PluginSpec SPEC =
            PluginSpec.output("file")
                    .requiredString("path", "the file, with %{field} and %{+YYYY-MM-dd} per event")
                    .codecOption("codec", "json_lines", "how events are written")
                    .duration("flush_interval", 2, "seconds between writes; 0 = after every event")
                    .bool("gzip", false, "compress the file")
                    .oneOf(
                            "write_behavior",
                            "append",
                            "append, or overwrite the file at each write",
                            "append",
                            "overwrite")
                    .string(
                            "filename_failure",
                            "_filepath_failures",
                            "file used when the path is not a valid file name")
                    .bool("create_if_deleted", true, "only true: files are reopened at each write")
                    .number("file_mode", -1, "octal mode of new files, e.g. 0644; -1 = umask")
                    .number("dir_mode", -1, "octal mode of new folders, e.g. 0750; -1 = umask")
                    .accepted(
                            "stale_cleanup_interval",
                            PluginSpec.Kind.DURATION,
                            10,
                            "files are closed after each write, none goes stale");

    private FileOutputs() {}

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        String path = s.getString("path");
        if (!GlobPaths.isLocal(path) && !path.startsWith("file:")) {
            // S3 objects cannot be appended to, and this output appends at every flush; Flink's
            // FileSink (part files rolled and committed at checkpoints) is the way to object
            // storage, not offered yet
            throw s.invalid(
                    "path",
                    "The file output writes local files (or a mounted file system); "
                            + path
                            + " is on another file system, where files cannot be appended to");
        }
        if (path.startsWith("file:")) {
            path = FileInputs.absolutePattern(path);
        }
        String root = path.split("/", -1).length > 1 ? firstSegment(path) : path;
        if (root.contains("%{")) {
            throw s.error("path", "The starting part of the path should not be dynamic.");
        }
        String absolute = path.startsWith("/") ? path : Path.of("").toAbsolutePath() + "/" + path;
        long flushMillis = Durations.millis(s, "flush_interval", 1000);
        boolean gzip = s.getBool("gzip");
        String behavior = s.getString("write_behavior");
        String failure = s.getString("filename_failure");
        if (!s.getBool("create_if_deleted")) {
            throw s.invalid(
                    "create_if_deleted",
                    "Only true is supported: files are reopened at each flush");
        }
        Durations.millis(s, "stale_cleanup_interval", 1000); // checked, then ignored
        String fileMode = mode(s, "file_mode");
        String dirMode = mode(s, "dir_mode");
        FileOutputSink sink =
                new FileOutputSink(
                        absolute,
                        Codecs.encoder(s.getCodec("codec")),
                        flushMillis,
                        gzip,
                        behavior.equals("overwrite"),
                        failure,
                        fileMode,
                        dirMode);
        return new Spec(Names.operatorName(s), sink);
    }

    private static String firstSegment(String path) {
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                return part;
            }
        }
        return path;
    }

    /**
     * An octal mode as written in Logstash configs ({@code 0640} or {@code 640}); null = default.
     */
    private static String mode(PluginSettings s, String name) {
        long n = s.getLong(name);
        if (n < 0) {
            return null;
        }
        String digits = String.valueOf(n);
        if (!digits.matches("[0-7]{1,4}")) {
            throw s.invalid(name, "Expected octal digits such as 0644");
        }
        int bits = Integer.parseInt(digits, 8);
        StringBuilder perms = new StringBuilder();
        String rwx = "rwx";
        for (int i = 8; i >= 0; i--) {
            perms.append((bits & (1 << i)) != 0 ? rwx.charAt(2 - i % 3) : '-');
        }
        return perms.toString();
    }

    private record Spec(String name, FileOutputSink sink) implements OutputSpec {
        @Override
        public void attach(DataStream<Event> events) {
            events.sinkTo(sink).name(name);
        }
    }
}
