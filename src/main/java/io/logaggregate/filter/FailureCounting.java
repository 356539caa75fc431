package io.logaggregate.filter;

/**
 * A filter that counts the events it failed on (grok: no pattern matched; date: no format parsed),
 * so that the stage running it can report them as a metric ({@link #failureMetric()}). Counts are
 * per filter instance, i.e. per parallel instance of the stage; a plain field, as one task thread
 * runs a filter instance.
 */
public interface FailureCounting {
    /** The metric's name, e.g. {@code grok_failures}. */
    String failureMetric();

    /** Events this instance failed on since it was opened. */
    long failures();
}
