package io.logaggregate.job;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PipelinePath;
import io.logaggregate.config.SourceLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pipeline-level settings that Logstash keeps outside the pipeline file (its pipelines.yml), read
 * from a YAML file beside the pipeline with the same base name ({@code pipeline.conf} → {@code
 * pipeline.yml}), flat {@code key: value} lines. Command-line options override them.
 *
 * <pre>
 * pipeline.workers: 2                  # parallelism (Logstash's own key)
 * pipeline.batch_mode: true            # Flink BATCH runtime mode (bounded inputs)
 * eventtime.out_of_orderness: 5s       # how far event time may go backwards (default 5s)
 * eventtime.idleness: 30s              # a silent split stops holding the watermark (default 30s)
 * checkpoint.interval: 10s             # unbounded runs (default 10s; 0 = off)
 * date.default_year: 2025              # year of syslog timestamps that carry none
 * pipeline.id: postfix                 # the Flink job's name (default: from the file name)
 * path.data: /var/lib/log-aggregate/mail  # local runs: checkpoints, savepoints, temporary files
 * state.backend: rocksdb               # heap (default locally) or rocksdb: where open maps live
 * s3.endpoint: http://127.0.0.1:9000   # local runs: Flink file system settings (s3.*, fs.*,
 *                                      # flink.hadoop.*)
 * </pre>
 *
 * <p>Keys starting with {@code s3.}, {@code fs.} or {@code flink.hadoop.} are Flink's own file
 * system settings ({@code s3.endpoint}, {@code s3.path.style.access}, {@code s3.access-key}, {@code
 * s3.secret-key}, {@code fs.hdfs.hadoopconf}, {@code flink.hadoop.dfs.replication} ...): a local
 * run hands them to Flink's {@code FileSystem.initialize}, so that {@code s3://} and {@code
 * hdfs://} paths of the file input reach the right server. On a cluster they belong in the
 * cluster's {@code config.yaml} instead (each JobManager and TaskManager initializes its file
 * systems from it).
 */
public record PipelineSettings(
        Integer workers,
        Boolean batch,
        Duration outOfOrderness,
        Duration idleness,
        Duration checkpointInterval,
        Integer defaultYear,
        String pipelineId,
        String dataPath,
        RunOptions.StateBackend stateBackend,
        Map<String, String> fileSystemConfig) {

    public PipelineSettings {
        fileSystemConfig = fileSystemConfig == null ? Map.of() : Map.copyOf(fileSystemConfig);
    }

    /** Settings without Flink file system settings. */
    public PipelineSettings(
            Integer workers,
            Boolean batch,
            Duration outOfOrderness,
            Duration idleness,
            Duration checkpointInterval,
            Integer defaultYear,
            String pipelineId,
            String dataPath,
            RunOptions.StateBackend stateBackend) {
        this(
                workers,
                batch,
                outOfOrderness,
                idleness,
                checkpointInterval,
                defaultYear,
                pipelineId,
                dataPath,
                stateBackend,
                Map.of());
    }

    /** Settings with the default state backend. */
    public PipelineSettings(
            Integer workers,
            Boolean batch,
            Duration outOfOrderness,
            Duration idleness,
            Duration checkpointInterval,
            Integer defaultYear,
            String pipelineId,
            String dataPath) {
        this(
                workers,
                batch,
                outOfOrderness,
                idleness,
                checkpointInterval,
                defaultYear,
                pipelineId,
                dataPath,
                null);
    }

    /** Settings without a pipeline id or data directory (the command line's). */
    public PipelineSettings(
            Integer workers,
            Boolean batch,
            Duration outOfOrderness,
            Duration idleness,
            Duration checkpointInterval,
            Integer defaultYear) {
        this(workers, batch, outOfOrderness, idleness, checkpointInterval, defaultYear, null, null);
    }

    static final List<String> KEYS =
            List.of(
                    "pipeline.workers",
                    "pipeline.batch_mode",
                    "eventtime.out_of_orderness",
                    "eventtime.idleness",
                    "checkpoint.interval",
                    "date.default_year",
                    "pipeline.id",
                    "path.data",
                    "state.backend");

    /** Prefixes of the Flink file system settings a settings file may hold (see above). */
    static final List<String> FILE_SYSTEM_PREFIXES = List.of("s3.", "fs.", "flink.hadoop.");

    private static final Pattern LINE =
            Pattern.compile("^\\s*([A-Za-z0-9_.-]+)\\s*:\\s*(.*?)\\s*$");
    private static final Pattern DURATION = Pattern.compile("^(\\d+)\\s*(ms|s|m|h|d)?$");

    public static PipelineSettings none() {
        return new PipelineSettings(null, null, null, null, null, null, null, null);
    }

    /**
     * The settings file of a pipeline: beside a file with its base name ({@code x.conf} → {@code
     * x.yml}), beside a directory with its name ({@code conf.d} → {@code conf.d.yml}); a glob has
     * none (null).
     */
    public static Path fileFor(Path pipeline) {
        if (PipelinePath.isGlob(pipeline)) {
            return null;
        }
        String name = pipeline.getFileName().toString();
        if (Files.isDirectory(pipeline)) {
            return pipeline.resolveSibling(name + ".yml");
        }
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return pipeline.resolveSibling(base + ".yml");
    }

    public static PipelineSettings load(Path pipeline) {
        Path file = fileFor(pipeline);
        if (file == null || !Files.isRegularFile(file)) {
            return none();
        }
        try {
            return parse(file.toString(), Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PipelineSettings parse(String file, List<String> lines) {
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, Integer> at = new LinkedHashMap<>();
        Map<String, String> fileSystem = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).replaceAll("\\s+#.*$", "");
            if (line.isBlank() || line.trim().startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                throw new ConfigException(
                        "Expected `key: value`", new SourceLocation(file, i + 1, 1));
            }
            String value = m.group(2).replaceAll("^[\"']|[\"']$", "");
            if (FILE_SYSTEM_PREFIXES.stream().anyMatch(m.group(1)::startsWith)) {
                fileSystem.put(m.group(1), value);
                continue;
            }
            if (!KEYS.contains(m.group(1))) {
                throw new ConfigException(
                        "Unknown pipeline setting '"
                                + m.group(1)
                                + "' (known: "
                                + KEYS
                                + ", and Flink's file system settings s3.*, fs.*)",
                        new SourceLocation(file, i + 1, 1));
            }
            v.put(m.group(1), value);
            at.put(m.group(1), i + 1);
        }
        try {
            return new PipelineSettings(
                    v.containsKey("pipeline.workers")
                            ? Integer.valueOf(v.get("pipeline.workers"))
                            : null,
                    v.containsKey("pipeline.batch_mode")
                            ? Boolean.valueOf(v.get("pipeline.batch_mode"))
                            : null,
                    duration(v.get("eventtime.out_of_orderness")),
                    duration(v.get("eventtime.idleness")),
                    duration(v.get("checkpoint.interval")),
                    v.containsKey("date.default_year")
                            ? Integer.valueOf(v.get("date.default_year"))
                            : null,
                    v.get("pipeline.id"),
                    dataPath(file, v.get("path.data")),
                    stateBackend(file, v.get("state.backend"), at.get("state.backend")),
                    fileSystem);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Invalid pipeline setting: " + e.getMessage(), new SourceLocation(file, 1, 1));
        }
    }

    private static RunOptions.StateBackend stateBackend(String file, String value, Integer line) {
        if (value == null) {
            return null;
        }
        try {
            return RunOptions.StateBackend.parse(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "Invalid pipeline setting state.backend: " + e.getMessage(),
                    new SourceLocation(file, line, 1));
        }
    }

    /** A relative {@code path.data} of a settings file is relative to that file's folder. */
    private static String dataPath(String settingsFile, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        Path p = Path.of(value);
        if (p.isAbsolute()) {
            return p.toString();
        }
        Path dir = Path.of(settingsFile).toAbsolutePath().getParent();
        return (dir == null ? p : dir.resolve(p)).normalize().toString();
    }

    /** {@code 5s}, {@code 250ms}, {@code 2m}, {@code 1h}, {@code 1d}; a bare number is seconds. */
    public static Duration duration(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 5s, 250ms, 2m)");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /**
     * The clock the date filter takes "now" from. With a default year it stands still in the middle
     * of that year, so every year-less timestamp lands in it (Logstash's December/January guess
     * only moves dates when "now" is in December or January).
     */
    public Clock dateClock() {
        if (defaultYear == null) {
            return Clock.systemDefaultZone();
        }
        ZoneId zone = ZoneId.systemDefault();
        return Clock.fixed(LocalDate.of(defaultYear, 7, 1).atStartOfDay(zone).toInstant(), zone);
    }

    /** These settings, overridden by the non-null ones of {@code cli}. */
    public PipelineSettings overriddenBy(PipelineSettings cli) {
        return new PipelineSettings(
                cli.workers != null ? cli.workers : workers,
                cli.batch != null ? cli.batch : batch,
                cli.outOfOrderness != null ? cli.outOfOrderness : outOfOrderness,
                cli.idleness != null ? cli.idleness : idleness,
                cli.checkpointInterval != null ? cli.checkpointInterval : checkpointInterval,
                cli.defaultYear != null ? cli.defaultYear : defaultYear,
                cli.pipelineId != null ? cli.pipelineId : pipelineId,
                cli.dataPath != null ? cli.dataPath : dataPath,
                cli.stateBackend != null ? cli.stateBackend : stateBackend,
                merged(fileSystemConfig, cli.fileSystemConfig));
    }

    private static Map<String, String> merged(Map<String, String> a, Map<String, String> b) {
        Map<String, String> out = new LinkedHashMap<>(a);
        out.putAll(b);
        return out;
    }

    /**
     * The Flink job's name: {@code pipeline.id} when set, else the pipeline file's name without its
     * extension, or its folder's name when the file is a generic {@code pipeline.conf} ({@code
     * jobs/postfix/pipeline.conf} → {@code postfix}).
     */
    public String jobName(Path pipeline) {
        if (pipelineId != null && !pipelineId.isBlank()) {
            return pipelineId;
        }
        Path file = pipeline.toAbsolutePath().normalize();
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        Path dir = file.getParent();
        if (base.equals("pipeline") && dir != null && dir.getFileName() != null) {
            return dir.getFileName().toString();
        }
        return base;
    }

    /**
     * The run options, with defaults for what is not set. Without {@code pipeline.workers} (or
     * {@code --parallelism}) the parallelism is 0: the environment's own (see {@link
     * RunOptions#parallelism()}).
     */
    public RunOptions runOptions() {
        return new RunOptions(
                workers != null ? workers : 0,
                batch != null && batch,
                outOfOrderness != null ? outOfOrderness : RunOptions.DEFAULT_OUT_OF_ORDERNESS,
                idleness != null ? idleness : RunOptions.DEFAULT_IDLENESS,
                checkpointInterval != null
                        ? checkpointInterval
                        : RunOptions.DEFAULT_CHECKPOINT_INTERVAL,
                stateBackend);
    }
}
