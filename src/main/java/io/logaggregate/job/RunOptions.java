package io.logaggregate.job;

import java.io.Serializable;
import java.time.Duration;

/**
 * How to run a pipeline.
 *
 * @param parallelism parallel instances of every operator; 0 for the environment's default (under
 *     {@code flink run}: its {@code -p}, else the cluster's {@code parallelism.default})
 * @param batch Flink BATCH runtime mode (bounded inputs only)
 * @param outOfOrderness how far event time may go backwards before an event is late
 * @param idleness after how long without events a source split stops holding the watermark
 * @param checkpointInterval checkpoint period for unbounded (streaming) runs; zero for none
 */
public record RunOptions(
        int parallelism,
        boolean batch,
        Duration outOfOrderness,
        Duration idleness,
        Duration checkpointInterval)
        implements Serializable {

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** These options with another parallelism. */
    public RunOptions withParallelism(int p) {
        return new RunOptions(p, batch, outOfOrderness, idleness, checkpointInterval);
    }
}
