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
 * @param stateBackend where keyed state (aggregate maps, timers) lives: {@link StateBackend#HEAP}
 *     or {@link StateBackend#ROCKSDB}; null for the environment's default (locally the heap; under
 *     {@code flink run} the cluster's {@code state.backend.type})
 */
public record RunOptions(
        int parallelism,
        boolean batch,
        Duration outOfOrderness,
        Duration idleness,
        Duration checkpointInterval,
        StateBackend stateBackend)
        implements Serializable {

    /** Options with the environment's default state backend. */
    public RunOptions(
            int parallelism,
            boolean batch,
            Duration outOfOrderness,
            Duration idleness,
            Duration checkpointInterval) {
        this(parallelism, batch, outOfOrderness, idleness, checkpointInterval, null);
    }

    /**
     * Flink's two embedded state backends, by the name our settings use. Flink's distribution
     * carries both (RocksDB is in its lib/), so a job jar needs no RocksDB classes: the backend is
     * chosen by configuration ({@code state.backend.type}).
     */
    public enum StateBackend {
        /** Objects on the JVM heap (Flink's "hashmap"): fastest, bounded by the heap. */
        HEAP("hashmap"),
        /** Serialized in an embedded RocksDB on local disk: state larger than memory. */
        ROCKSDB("rocksdb");

        private final String flinkName;

        StateBackend(String flinkName) {
            this.flinkName = flinkName;
        }

        /** The value of Flink's {@code state.backend.type}. */
        public String flinkName() {
            return flinkName;
        }

        /** {@code heap} or {@code rocksdb} (Flink's {@code hashmap} is accepted for heap). */
        public static StateBackend parse(String text) {
            return switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "heap", "hashmap" -> HEAP;
                case "rocksdb" -> ROCKSDB;
                default ->
                        throw new IllegalArgumentException(
                                "state backend '" + text + "' (known: heap, rocksdb)");
            };
        }
    }

    public static final Duration DEFAULT_OUT_OF_ORDERNESS = Duration.ofSeconds(5);
    public static final Duration DEFAULT_IDLENESS = Duration.ofSeconds(30);
    public static final Duration DEFAULT_CHECKPOINT_INTERVAL = Duration.ofSeconds(10);

    /** These options with another parallelism. */
    public RunOptions withParallelism(int p) {
        return new RunOptions(p, batch, outOfOrderness, idleness, checkpointInterval, stateBackend);
    }
}
