package io.logaggregate.cli;

import io.logaggregate.aggregate.AggregatePattern;
import io.logaggregate.io.InputSpec;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineJob;
import io.logaggregate.job.PipelineSettings;
import io.logaggregate.job.RunOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ClusterOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.ExternalizedCheckpointRetention;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.configuration.WebOptions;
import org.apache.flink.runtime.checkpoint.metadata.CheckpointMetadata;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run PIPELINE}: compiles the pipeline on the client and executes it, in a local MiniCluster
 * under {@code java -jar}, or on the cluster under {@code flink run}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline file.")
public final class RunCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(RunCommand.class);

    enum Mode {
        streaming,
        batch
    }

    @Parameters(
            index = "0",
            paramLabel = "PIPELINE",
            description =
                    "The pipeline: a .conf file, a directory of them or a glob (\"conf.d/*.conf\").")
    Path pipeline;

    @Option(
            names = {"-p", "--parallelism"},
            description =
                    "Parallel instances of every operator (default: pipeline.workers of the"
                            + " pipeline's .yml, else 1 locally; under flink run: flink run -p,"
                            + " else the cluster's parallelism.default).")
    Integer parallelism;

    @Option(
            names = "--mode",
            description = "streaming or batch (bounded inputs only; default: streaming).")
    Mode mode;

    @Option(
            names = "--out-of-orderness",
            description =
                    "Event time: how far timestamps may go backwards, e.g. 5s, 2m (default: 5s).",
            converter = DurationConverter.class)
    Duration outOfOrderness;

    @Option(
            names = "--idleness",
            description =
                    "Event time: a source split silent this long stops holding the watermark"
                            + " back; 0 turns it off (default: 30s).",
            converter = DurationConverter.class)
    Duration idleness;

    @Option(
            names = "--checkpoint-interval",
            description = "Checkpoint period for unbounded runs; 0 turns it off (default: 10s).",
            converter = DurationConverter.class)
    Duration checkpointInterval;

    @Option(
            names = "--year",
            description =
                    "Year of syslog timestamps that carry none (default: the current year, with"
                            + " Logstash's December/January guess).")
    Integer year;

    @Option(
            names = "--path.data",
            paramLabel = "DIR",
            description =
                    "Local runs: where checkpoints, the savepoint of a graceful stop and temporary"
                            + " files live; a run started again with the same directory resumes"
                            + " (default: path.data of the pipeline's .yml, else"
                            + " ./data/<pipeline name>).")
    String dataPath;

    @Option(
            names = "--state-backend",
            paramLabel = "heap|rocksdb",
            description =
                    "Where open aggregate maps and timers live: heap (fastest, bounded by the"
                            + " JVM heap) or rocksdb (on local disk, for more open tasks than"
                            + " memory holds). Default: state.backend of the pipeline's .yml, else"
                            + " heap locally; under flink run the cluster's state.backend.type.",
            converter = StateBackendConverter.class)
    RunOptions.StateBackend stateBackend;

    /** {@code heap} / {@code rocksdb}, case-insensitive. */
    static final class StateBackendConverter
            implements picocli.CommandLine.ITypeConverter<RunOptions.StateBackend> {
        @Override
        public RunOptions.StateBackend convert(String value) {
            return RunOptions.StateBackend.parse(value);
        }
    }

    @Option(
            names = "--fresh",
            description =
                    "Local runs: start over, discarding the checkpoints, savepoints and stored"
                            + " aggregate maps (aggregate_maps_path) of earlier runs.")
    boolean fresh;

    @Option(
            names = "--allow-non-restored-state",
            description =
                    "Local runs: resume although the checkpoint holds state the changed pipeline"
                            + " no longer has (e.g. of a removed aggregate pattern); that state is"
                            + " dropped, everything else is resumed (flink run: -n).")
    boolean allowNonRestoredState;

    @Option(
            names = "--quiet",
            description =
                    "Local runs: no progress line and no summary on stderr (default: a progress"
                            + " line, redrawn on a terminal, every 10 s otherwise; a summary at the"
                            + " end).")
    boolean quiet;

    @Override
    public Integer call() {
        // log4j's own shutdown hook would stop logging while the job is still stopping (and its
        // aggregate stages report where they stored their maps); console output needs no flush
        if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
            System.setProperty("log4j2.shutdownHookEnabled", "false");
        }
        PipelineSettings settings = PipelineLoader.settings(pipeline, cliSettings(), System.err);
        if (settings == null) {
            return 1;
        }
        CompiledPipeline compiled = PipelineLoader.load(pipeline, settings, System.err);
        if (compiled == null) {
            return 1;
        }
        RunOptions options = settings.runOptions();
        try {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
            if (env instanceof LocalStreamEnvironment && options.parallelism() == 0) {
                options = options.withParallelism(1); // not one per core: a local default
            }
            String name = settings.jobName(this.pipeline);
            if (!(env instanceof LocalStreamEnvironment)) {
                // flink run: the cluster owns the job's life, its state and its files
                PipelineJob.build(env, compiled, options);
                env.execute(name);
                return 0;
            }
            // s3:// and other file systems, with the settings file's s3.* / fs.* keys
            FlinkFileSystems.initialize(settings.fileSystemConfig());
            try (DataDirectory data =
                    DataDirectory.open(
                            DataDirectory.resolve(
                                    settings.dataPath(), settings.jobName(pipeline)))) {
                return runLocally(compiled, options, data, name);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            System.err.println("log-aggregate: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            Throwable root = ExceptionUtils.stripExecutionException(e);
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("log-aggregate: the job failed: " + root);
            org.slf4j.LoggerFactory.getLogger(RunCommand.class).error("job failed", e);
            return 3;
        }
    }

    private PipelineSettings cliSettings() {
        return new PipelineSettings(
                parallelism,
                mode == null ? null : mode == Mode.batch,
                outOfOrderness,
                idleness,
                checkpointInterval,
                year,
                null,
                dataPath,
                stateBackend);
    }

    /**
     * A run in a local MiniCluster. An unbounded streaming run keeps its checkpoints in the data
     * directory and starts from the newest one there, unless {@code --fresh}; Ctrl-C stops it with
     * a savepoint there (and stores open maps for aggregate_maps_path).
     */
    private int runLocally(
            CompiledPipeline compiled, RunOptions options, DataDirectory data, String name)
            throws Exception {
        boolean keepsState = !options.batch() && !compiled.bounded();
        Path owner = pipeline.toAbsolutePath().normalize();
        if (fresh) {
            data.discardSnapshots();
            List<Path> maps = AggregatePattern.discardStoredMaps(compiled.program().patterns());
            if (!maps.isEmpty()) {
                LOG.info("--fresh: discarded the stored aggregate maps {}", maps);
            }
        }
        data.removeEmptyJobFolders();
        Path restoreFrom = null;
        CheckpointMetadata metadata = null;
        if (keepsState) {
            String previous = data.owner();
            List<Path> snapshots = data.snapshots();
            if (!snapshots.isEmpty() && previous != null && !previous.equals(owner.toString())) {
                throw new IllegalStateException(
                        "the data directory "
                                + data.path()
                                + " holds the state of another pipeline ("
                                + previous
                                + "); give this one its own --path.data, or start over with"
                                + " --fresh");
            }
            for (Path s : snapshots) {
                try {
                    metadata = SnapshotCheck.metadata(s);
                    restoreFrom = s;
                    break;
                } catch (IOException | RuntimeException e) {
                    LOG.warn(
                            "cannot read the snapshot {} ({}); trying an older one",
                            s,
                            e.toString());
                }
            }
            if (restoreFrom != null) {
                // what is older than the snapshot we resume from is of no more use
                data.discardSnapshotsOlderThan(restoreFrom);
            }
        }
        Configuration conf = localConfig(options, data, keepsState, restoreFrom);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        PipelineJob.build(env, compiled, options);
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        if (keepsState) {
            Path namesFile = data.path().resolve("operators");
            Map<String, String> names = SnapshotCheck.operatorNames(graph.getJobGraph());
            if (metadata != null) {
                Map<String, String> known = new java.util.LinkedHashMap<>(names);
                known.putAll(SnapshotCheck.readNames(namesFile));
                List<String> missing =
                        SnapshotCheck.unmatched(metadata, graph.getJobGraph(), known);
                if (!missing.isEmpty() && allowNonRestoredState) {
                    System.err.println(
                            "log-aggregate: --allow-non-restored-state: dropping the state of "
                                    + String.join(", ", missing)
                                    + " from "
                                    + restoreFrom);
                } else if (!missing.isEmpty()) {
                    System.err.println(
                            "log-aggregate: cannot resume from "
                                    + restoreFrom
                                    + ": it holds state of "
                                    + String.join(", ", missing)
                                    + ", which the changed pipeline no longer has. Restore the"
                                    + " previous pipeline to resume, drop that state with"
                                    + " --allow-non-restored-state, or start over with --fresh"
                                    + " (all state is then lost).");
                    return 1;
                }
                System.err.println(
                        "log-aggregate: resuming from "
                                + restoreFrom
                                + " (start over with --fresh)");
            }
            Map<String, String> all =
                    new java.util.LinkedHashMap<>(SnapshotCheck.readNames(namesFile));
            all.putAll(names);
            SnapshotCheck.writeNames(namesFile, all);
            data.setOwner(owner);
        }
        long total = 0;
        for (InputSpec in : compiled.inputs()) {
            long size = in.sizeInBytes();
            total = size < 0 || total < 0 ? -1 : total + size;
        }
        try (Progress progress =
                new Progress(
                        System.err,
                        Progress.stderrIsTerminal(),
                        compiled.bounded() ? total : -1,
                        !quiet)) {
            Runnable cleanup =
                    () -> {
                        progress.close();
                        data.close();
                    };
            // Ctrl-C stops the job gracefully (a savepoint, stored maps); see LocalJobRun
            boolean ended =
                    LocalJobRun.run(env, graph, keepsState ? data.savepoints() : null, cleanup);
            progress.close();
            return ended ? 0 : 130;
        }
    }

    /** Settings for a local MiniCluster run (ignored by {@code flink run}). */
    private Configuration localConfig(
            RunOptions options, DataDirectory data, boolean keepsState, Path restoreFrom) {
        Configuration conf = new Configuration();
        // every temporary file of Flink (the RPC system's jar, blob store, working directories,
        // web uploads) goes under the data directory and is removed at exit, or at the next
        // start after a crash
        String tmp = data.processTmp().toString();
        conf.set(CoreOptions.TMP_DIRS, tmp);
        conf.set(ClusterOptions.PROCESS_WORKING_DIR_BASE, tmp);
        conf.set(WebOptions.TMP_DIR, tmp);
        conf.set(WebOptions.UPLOAD_DIR, tmp);
        if (keepsState) {
            conf.set(
                    CheckpointingOptions.CHECKPOINTS_DIRECTORY,
                    data.checkpoints().toUri().toString());
            conf.set(
                    CheckpointingOptions.SAVEPOINT_DIRECTORY, data.savepoints().toUri().toString());
            conf.set(
                    CheckpointingOptions.EXTERNALIZED_CHECKPOINT_RETENTION,
                    ExternalizedCheckpointRetention.RETAIN_ON_CANCELLATION);
            conf.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
            if (restoreFrom != null) {
                // Flink's default NO_CLAIM: the snapshot is left as it is (this run's first
                // checkpoint is a full one); the next start deletes it once a newer one exists
                conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom.toUri().toString());
                // Flink's own --allowNonRestoredState: state of operators the changed pipeline
                // no longer has is dropped (the check above names it first)
                conf.set(
                        StateRecoveryOptions.SAVEPOINT_IGNORE_UNCLAIMED_STATE,
                        allowNonRestoredState);
            }
        }
        // the progress line reads Flink's metrics in this JVM (ProgressMetrics)
        conf.setString(
                "metrics.reporter.progress.factory.class", ProgressMetrics.Factory.class.getName());
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, options.parallelism()));
        conf.set(RestOptions.BIND_PORT, "0");
        // the local default (64 MB, allocated and touched at start) is far more network buffer
        // memory than a few operators at low parallelism use; 8 MB a slot keeps the default
        // from parallelism 8 on
        MemorySize network =
                MemorySize.ofMebiBytes(Math.min(64, 8L * Math.max(2, options.parallelism())));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        if (options.stateBackend() == RunOptions.StateBackend.ROCKSDB) {
            // every new task id is a lookup of a key RocksDB does not have: without a bloom
            // filter (Flink's default) each such miss searches every level, so the cost per line
            // grew with the open tasks (bench state: ~10,000 lines/s at 1.5 million, ~100 at 2.4
            // million; with it ~21,000 lines/s at 4.3 million); and more than the local default
            // of 128 MB of managed memory for its block cache and write buffers
            conf.setString("state.backend.rocksdb.use-bloom-filter", "true");
            conf.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(512));
        }
        return conf;
    }
}
