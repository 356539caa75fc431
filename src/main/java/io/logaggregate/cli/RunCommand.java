package io.logaggregate.cli;

import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineJob;
import io.logaggregate.job.PipelineSettings;
import io.logaggregate.job.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.LocalStreamEnvironment;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code run PIPELINE}: compiles the pipeline on the client and executes it, in a local MiniCluster
 * under {@code java -jar}, or on the cluster under {@code flink run}.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run a pipeline file.")
public final class RunCommand implements Callable<Integer> {
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

    @Override
    public Integer call() {
        // log4j's own shutdown hook would stop logging while the job is still stopping (and its
        // aggregate stages report where they stored their maps); console output needs no flush
        if (System.getProperty("log4j2.shutdownHookEnabled") == null) {
            System.setProperty("log4j2.shutdownHookEnabled", "false");
        }
        PipelineSettings settings =
                PipelineLoader.settings(
                        pipeline,
                        new PipelineSettings(
                                parallelism,
                                mode == null ? null : mode == Mode.batch,
                                outOfOrderness,
                                idleness,
                                checkpointInterval,
                                year),
                        System.err);
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
                    StreamExecutionEnvironment.getExecutionEnvironment(localConfig(options));
            if (env instanceof LocalStreamEnvironment && options.parallelism() == 0) {
                options = options.withParallelism(1); // not one per core: a local default
            }
            PipelineJob.build(env, compiled, options);
            String name = settings.jobName(this.pipeline);
            if (!(env instanceof LocalStreamEnvironment)) {
                env.execute(name); // flink run: the cluster owns the job's life
                return 0;
            }
            // local MiniCluster: Ctrl-C cancels the job and waits for it (stores open maps)
            return LocalJobRun.run(env, name) ? 0 : 130;
        } catch (IllegalArgumentException e) {
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

    /** Settings for a local MiniCluster run (ignored by {@code flink run}). */
    private static Configuration localConfig(RunOptions options) {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, options.parallelism()));
        conf.set(RestOptions.BIND_PORT, "0");
        // the local default (64 MB, allocated and touched at start) is far more network buffer
        // memory than a few operators at low parallelism use; 8 MB a slot keeps the default
        // from parallelism 8 on
        MemorySize network =
                MemorySize.ofMebiBytes(Math.min(64, 8L * Math.max(2, options.parallelism())));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        return conf;
    }
}
