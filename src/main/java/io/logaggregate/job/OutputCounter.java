package io.logaggregate.job;

import io.logaggregate.event.Event;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the events that leave the filters for the outputs ({@code pipeline.events_out}), and among
 * them those a ruby filter's code failed on ({@code pipeline.ruby_exceptions}, tagged {@code
 * _rubyexception}): Flink metrics, which the progress line and summary of a local run read, and a
 * cluster's metric reporters show. Chained in front of the outputs, it passes every event on
 * unchanged. (Grok and date failures are counted by the stages themselves, {@code filters.*}.)
 */
final class OutputCounter extends RichMapFunction<Event, Event> {
    private static final long serialVersionUID = 1L;

    private transient Counter eventsOut;
    private transient Counter rubyExceptions;

    @Override
    public void open(OpenContext context) {
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("pipeline");
        eventsOut = g.counter("events_out");
        rubyExceptions = g.counter("ruby_exceptions");
    }

    @Override
    public Event map(Event e) {
        eventsOut.inc();
        if (e.get("tags") instanceof List<?> tags && tags.contains("_rubyexception")) {
            rubyExceptions.inc();
        }
        return e;
    }
}
