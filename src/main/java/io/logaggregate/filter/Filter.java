package io.logaggregate.filter;

import io.logaggregate.event.Event;
import java.io.Serializable;
import java.util.function.Consumer;

/**
 * A stateless filter (grok, date, mutate, drop, ...). Instances are built on the client from the
 * pipeline file, shipped inside the job graph, and {@link #open()}ed on the TaskManager, where
 * heavy parts (compiled regexes, formatters) are built into transient fields.
 */
public interface Filter extends Serializable {
    /** Builds transient state; called once per parallel instance before the first event. */
    default void open() throws Exception {}

    /**
     * Filters one event in place. {@code emit} receives extra events the filter makes (e.g. a split
     * or clone), which continue after this filter. To drop the event, {@link Event#cancel()} it.
     * Implementations apply the common options themselves (see {@link CommonOptions}) when the
     * filter "matched" in Logstash's sense.
     */
    void filter(Event event, Consumer<Event> emit);
}
