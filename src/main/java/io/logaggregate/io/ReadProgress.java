package io.logaggregate.io;

import java.util.concurrent.atomic.LongAdder;

/**
 * Bytes read by the bounded file readers of this JVM, for the progress line of a local run (which
 * runs the job in the same JVM and knows the total from the files' sizes). Flink's file source has
 * no byte metric of its own; on a cluster this count is simply not read.
 */
public final class ReadProgress {
    private static final LongAdder BYTES = new LongAdder();

    private ReadProgress() {}

    public static void add(long bytes) {
        BYTES.add(bytes);
    }

    public static long bytes() {
        return BYTES.sum();
    }

    /** At the start of a local run (tests run several in one JVM). */
    public static void reset() {
        BYTES.reset();
    }
}
