package io.logaggregate.job;

import io.logaggregate.event.Event;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

/**
 * Counts the events that leave the filters for the outputs, and among them those a filter tagged as
 * failed (grok, date, Ruby code): Flink metrics of group {@code pipeline}, which the progress line
 * and summary of a local run read, and a cluster's metric reporters show. Chained in front of the
 * outputs, it passes every event on unchanged.
 */
final class OutputCounter extends RichMapFunction<Event, Event> {
    private static final long serialVersionUID = 1L;

    private transient Counter eventsOut;
    private transient Counter grokFailures;
    private transient Counter dateFailures;
    private transient Counter rubyFailures;

    @Override
    public void open(OpenContext context) {
        MetricGroup g = getRuntimeContext().getMetricGroup().addGroup("pipeline");
        eventsOut = g.counter("events_out");
        grokFailures = g.counter("grok_failures");
        dateFailures = g.counter("date_failures");
        rubyFailures = g.counter("ruby_failures");
    }

    @Override
    public Event map(Event e) {
        eventsOut.inc();
        if (e.get("tags") instanceof List<?> tags && !tags.isEmpty()) {
            for (Object t : tags) {
                if (!(t instanceof String tag) || !tag.startsWith("_")) {
                    continue;
                }
                switch (tag) {
                    case "_grokparsefailure" -> grokFailures.inc();
                    case "_dateparsefailure" -> dateFailures.inc();
                    case "_rubyexception", "_aggregateexception" -> rubyFailures.inc();
                    default -> {}
                }
            }
        }
        return e;
    }
}
