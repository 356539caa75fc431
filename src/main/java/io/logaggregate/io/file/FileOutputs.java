package io.logaggregate.io.file;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.io.ByteSizes;
import io.logaggregate.io.Durations;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.codec.Codecs;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 *
 * <p>A local path (also {@code file://}) is written exactly, as Logstash does ({@link
 * FileOutputSink}). A path on another file system ({@code s3://}, {@code hdfs://} ...) cannot be
 * appended to: there the interpolated path is a directory of part files committed at checkpoints
 * ({@link PartFileOutput}), with Flink's rolling settings ({@code max_part_size}, {@code
 * rollover_interval}, {@code inactivity_interval}, {@code bucket_check_interval}, {@code
 * part_prefix}, {@code part_suffix}); {@code write_behavior => overwrite}, {@code file_mode} and
 * {@code dir_mode} are refused there, {@code flush_interval} ignored.
 */
public final class FileOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(FileOutputs.class);

    public static final PluginSpec SPEC =
            PluginSpec.output("file")
                    .requiredString(
                            "path",
                            "the file, with %{field} and %{+YYYY-MM-dd} per event; on s3://,"
                                    + " hdfs:// ... the directory of its part files")
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
                            "files are closed after each write, none goes stale")
                    .bytes(
                            "max_part_size",
                            "128mb",
                            "s3://, hdfs:// ... paths: a part file rolls at this size")
                    .duration(
                            "rollover_interval",
                            60,
                            "s3://, hdfs:// ... paths: seconds after which a part rolls")
                    .duration(
                            "inactivity_interval",
                            60,
                            "s3://, hdfs:// ... paths: seconds without events after which a part"
                                    + " rolls")
                    .duration(
                            "bucket_check_interval",
                            60,
                            "s3://, hdfs:// ... paths: seconds between checks of the two intervals")
                    .string(
                            "part_prefix",
                            "part",
                            "s3://, hdfs:// ... paths: part file names' start")
                    .string(
                            "part_suffix",
                            null,
                            "s3://, hdfs:// ... paths: part file names' end; default none, .gz with"
                                    + " gzip");

    /** The settings that only part files (paths on other file systems) have. */
    private static final List<String> PART_SETTINGS =
            List.of(
                    "max_part_size",
                    "rollover_interval",
                    "inactivity_interval",
                    "bucket_check_interval",
                    "part_prefix",
                    "part_suffix");

    private FileOutputs() {}

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        String path = s.getString("path");
        if (!GlobPaths.isLocal(path) && !path.startsWith("file:")) {
            return partFiles(s, path);
        }
        for (String part : PART_SETTINGS) {
            if (s.has(part)) {
                throw s.invalid(
                        part,
                        "Only paths on other file systems (s3://, hdfs:// ...) are written as part"
                                + " files; a local path is written exactly");
            }
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

    /**
     * A path on another file system ({@code s3://}, {@code hdfs://} ...): part files through
     * Flink's FileSink, see {@link PartFileOutput}. Settings that cannot hold there are refused.
     */
    private static OutputSpec partFiles(PluginSettings s, String path) {
        String root = GlobPaths.root(path);
        if (root.contains("%{")) {
            throw s.error("path", "The starting part of the path should not be dynamic.");
        }
        if (s.getString("write_behavior").equals("overwrite")) {
            throw s.invalid(
                    "write_behavior",
                    "Part files on " + root + " are written once each; only append holds");
        }
        for (String mode : List.of("file_mode", "dir_mode")) {
            if (s.getLong(mode) >= 0) {
                throw s.invalid(
                        mode, "Modes are set on local files only; " + root + " keeps its own");
            }
        }
        if (!s.getBool("create_if_deleted")) {
            throw s.invalid("create_if_deleted", "Only true is supported");
        }
        if (s.has("flush_interval")) {
            LOG.warn(
                    "{}: flush_interval is ignored for {}: part files become visible when a"
                            + " checkpoint completes",
                    s.locationOf("flush_interval"),
                    path);
        }
        Durations.millis(s, "flush_interval", 1000); // checked, then ignored
        Durations.millis(s, "stale_cleanup_interval", 1000);
        boolean gzip = s.getBool("gzip");
        String suffix = s.getString("part_suffix");
        if (suffix == null) {
            suffix = gzip ? ".gz" : "";
        }
        String prefix = s.getString("part_prefix");
        if (prefix.isEmpty() || prefix.contains("/")) {
            throw s.invalid("part_prefix", "Expected a file name start without /");
        }
        if (suffix.contains("/")) {
            throw s.invalid("part_suffix", "Expected a file name end without /");
        }
        String failure = PartBuckets.normalize(s.getString("filename_failure"));
        if (failure == null) {
            throw s.invalid("filename_failure", "Expected a relative file name");
        }
        PartRolling rolling =
                new PartRolling(
                        ByteSizes.of(s, "max_part_size"),
                        positiveMillis(s, "rollover_interval"),
                        positiveMillis(s, "inactivity_interval"));
        return new PartFileOutput(
                Names.operatorName(s),
                path,
                failure,
                Codecs.encoder(s.getCodec("codec")),
                gzip,
                rolling,
                positiveMillis(s, "bucket_check_interval"),
                prefix,
                suffix);
    }

    private static long positiveMillis(PluginSettings s, String name) {
        long ms = Durations.millis(s, name, 1000);
        if (ms < 1) {
            throw s.invalid(name, "Expected a positive duration");
        }
        return ms;
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
