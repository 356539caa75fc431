package io.logaggregate.cli;

import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineJob;
import io.logaggregate.job.RunOptions;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ExceptionUtils;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

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

    @Parameters(index = "0", paramLabel = "PIPELINE", description = "The pipeline file (.conf).")
    Path pipeline;

    @Option(
            names = {"-p", "--parallelism"},
            description = "Parallel instances of every operator (default: ${DEFAULT-VALUE}).")
    int parallelism = 1;

    @Option(
            names = "--mode",
            description = "streaming or batch (bounded inputs; default: ${DEFAULT-VALUE}).")
    Mode mode = Mode.streaming;

    @Option(
            names = "--out-of-orderness",
            description =
                    "Event time: how far timestamps may go backwards, e.g. 5s, 2m (default: 5s).")
    Duration outOfOrderness = RunOptions.DEFAULT_OUT_OF_ORDERNESS;

    @Option(
            names = "--idleness",
            description =
                    "Event time: a source split silent this long stops holding the watermark"
                            + " back; 0 turns it off (default: 30s).")
    Duration idleness = RunOptions.DEFAULT_IDLENESS;

    @Option(
            names = "--checkpoint-interval",
            description = "Checkpoint period for unbounded runs; 0 turns it off (default: 10s).")
    Duration checkpointInterval = RunOptions.DEFAULT_CHECKPOINT_INTERVAL;

    @Override
    public Integer call() {
        CompiledPipeline compiled = PipelineLoader.load(pipeline, System.err);
        if (compiled == null) {
            return 1;
        }
        RunOptions options =
                new RunOptions(
                        parallelism,
                        mode == Mode.batch,
                        outOfOrderness,
                        idleness,
                        checkpointInterval);
        try {
            StreamExecutionEnvironment env =
                    StreamExecutionEnvironment.getExecutionEnvironment(localConfig());
            PipelineJob.build(env, compiled, options);
            env.execute("log-aggregate " + this.pipeline.getFileName());
            return 0;
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
    private Configuration localConfig() {
        Configuration conf = new Configuration();
        conf.set(TaskManagerOptions.NUM_TASK_SLOTS, Math.max(1, parallelism));
        conf.set(RestOptions.BIND_PORT, "0");
        // the local default (64 MB, allocated and touched at start) is far more network buffer
        // memory than a few operators at low parallelism use; 8 MB a slot keeps the default
        // from parallelism 8 on
        MemorySize network = MemorySize.ofMebiBytes(Math.min(64, 8L * Math.max(2, parallelism)));
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MIN, network);
        conf.set(TaskManagerOptions.NETWORK_MEMORY_MAX, network);
        return conf;
    }
}
