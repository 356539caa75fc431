package io.logaggregate.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * A job in the local MiniCluster that stops gracefully on Ctrl-C or SIGTERM: a JVM shutdown hook
 * cancels the job and waits (bounded) until it has ended, so its operators close as on a cancel in
 * a cluster. That is when aggregate stages store their open maps ({@code aggregate_maps_path});
 * without the wait the JVM would exit under them.
 */
final class LocalJobRun {
    /** How long the shutdown hook waits for the job to end. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LocalJobRun() {}

    /**
     * Runs the job to its end. Returns true when it finished by itself, false when a shutdown
     * stopped it; throws {@link ExecutionException} when it failed.
     */
    static boolean run(StreamExecutionEnvironment env, String jobName) throws Exception {
        JobClient client = env.executeAsync(jobName);
        CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook =
                new Thread(
                        () -> {
                            if (result.isDone()) {
                                return;
                            }
                            stopping.set(true);
                            System.err.println("log-aggregate: stopping the job...");
                            try {
                                client.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                                result.handle((r, e) -> null)
                                        .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (Exception e) {
                                System.err.println(
                                        "log-aggregate: the job did not stop cleanly: " + e);
                            }
                        },
                        "log-aggregate-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            result.get();
            return true;
        } catch (ExecutionException e) {
            if (stopping.get()) {
                return false;
            }
            throw e;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }
}
