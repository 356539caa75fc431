package io.logaggregate.aggregate;

/**
 * What {@link TaskLifecycle} reports as it goes. The Flink stages count these in Flink metrics;
 * plain tests may count them themselves or ignore them ({@link #NONE}).
 */
public interface TaskMetrics {
    /** A new map was created. */
    default void taskCreated() {}

    /** A map was removed by an {@code end_of_task} block. */
    default void taskEnded() {}

    /** A map left memory for {@code reason}. */
    default void taskExpired(Expiry reason) {}

    /** A map was pushed as an event. */
    default void eventPushed() {}

    /** The {@code code} of a block raised. */
    default void codeError() {}

    /** The {@code timeout_code} raised. */
    default void timeoutCodeError() {}

    TaskMetrics NONE = new TaskMetrics() {};
}
