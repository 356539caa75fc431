package io.logaggregate.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;
import org.apache.flink.util.ExceptionUtils;

/**
 * A job in the local MiniCluster that stops gracefully on Ctrl-C or SIGTERM: a JVM shutdown hook
 * stops the job and waits (bounded) until it has ended, so its operators close as on a stop in a
 * cluster. That is when aggregate stages store their open maps ({@code aggregate_maps_path});
 * without the wait the JVM would exit under them. A job that keeps state (unbounded, streaming) is
 * stopped with a savepoint into the data directory, so the next run resumes exactly where this one
 * stopped, with the same maps it stored; others are cancelled.
 */
final class LocalJobRun {
    /** How long the shutdown hook waits for the job to end. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private LocalJobRun() {}

    /** Stops with a savepoint where one is wanted and possible, else cancels. */
    private static void stop(JobClient client, Path savepoints) throws Exception {
        if (savepoints != null) {
            try {
                String at =
                        client.stopWithSavepoint(
                                        false,
                                        savepoints.toUri().toString(),
                                        SavepointFormatType.CANONICAL)
                                .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                System.err.println("log-aggregate: savepoint written to " + at);
                return;
            } catch (ExecutionException | TimeoutException e) {
                System.err.println(
                        "log-aggregate: no savepoint ("
                                + ExceptionUtils.stripExecutionException(e)
                                + "); the next run resumes from the last checkpoint");
            }
        }
        client.cancel().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Runs the job to its end. Returns true when it finished by itself, false when a shutdown
     * stopped it; throws {@link ExecutionException} when it failed.
     *
     * @param savepoints where a graceful stop writes its savepoint; null to cancel instead
     * @param cleanup run by the shutdown hook once the job has stopped
     */
    static boolean run(
            StreamExecutionEnvironment env, StreamGraph graph, Path savepoints, Runnable cleanup)
            throws Exception {
        JobClient client = env.executeAsync(graph);
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
                                stop(client, savepoints);
                                result.handle((r, e) -> null)
                                        .get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                            } catch (Exception e) {
                                System.err.println(
                                        "log-aggregate: the job did not stop cleanly: " + e);
                            }
                            // the JVM ends with the hooks: the main thread may not get to it
                            cleanup.run();
                        },
                        "log-aggregate-stop");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // stopped while the job was being submitted
            hook.run();
            return false;
        }
        try {
            result.get();
            return !stopping.get(); // a stop with a savepoint ends the job normally
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
