package io.logaggregate.cli;

import java.util.EnumMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * The Flink metrics a local run's progress line and summary show, read in-process: a metric
 * reporter the local MiniCluster is configured with ({@code
 * metrics.reporter.progress.factory.class}) receives every metric as it is registered and keeps
 * those it needs; {@link #value} sums them over the parallel instances. Reading Flink's own metrics
 * (rather than counting beside them) keeps the figures the same as a cluster's reporters show.
 *
 * <p>A counter that goes away (its task ended or restarted) keeps counting in the totals.
 */
public final class ProgressMetrics implements MetricReporter {
    /** What is shown, and where it comes from. */
    enum Kind {
        /** {@code numRecordsOut} of the inputs (operators named "input …"). */
        LINES_READ,
        /** {@code pipeline.events_out}: events that reached the outputs. */
        EVENTS_OUT,
        /** {@code aggregate.<stage>.open_tasks}: open tasks (a gauge). */
        OPEN_TASKS,
        /** {@code aggregate.<stage>.tasks_expired}: tasks ended by their timeout. */
        TIMEOUTS,
        /** {@code filters.grok_failures} of the stages. */
        GROK_FAILURES,
        /** {@code filters.date_failures} of the stages. */
        DATE_FAILURES,
        /**
         * The aggregate stages' {@code code_errors} and {@code timeout_code_errors}, and the ruby
         * filter's exceptions ({@code pipeline.ruby_exceptions}, events tagged {@code
         * _rubyexception}).
         */
        RUBY_FAILURES,
        /** {@code numRecordsDeadLettered} of the Elasticsearch outputs. */
        DEAD_LETTERED
    }

    private static final Map<Metric, Kind> LIVE = new ConcurrentHashMap<>();
    private static final Map<Kind, LongAdder> RETIRED = new EnumMap<>(Kind.class);

    static {
        for (Kind k : Kind.values()) {
            RETIRED.put(k, new LongAdder());
        }
    }

    /** At the start of a run (tests run several in one JVM). */
    static void reset() {
        LIVE.clear();
        RETIRED.values().forEach(LongAdder::reset);
    }

    static long value(Kind kind) {
        long sum = kind == Kind.OPEN_TASKS ? 0 : RETIRED.get(kind).sum();
        for (Map.Entry<Metric, Kind> e : LIVE.entrySet()) {
            if (e.getValue() == kind) {
                sum += current(e.getKey());
            }
        }
        return sum;
    }

    private static long current(Metric m) {
        if (m instanceof Counter c) {
            return c.getCount();
        }
        if (m instanceof Gauge<?> g && g.getValue() instanceof Number n) {
            return n.longValue();
        }
        return 0;
    }

    static Kind kindOf(String name, MetricGroup group) {
        String operator = group.getAllVariables().getOrDefault("<operator_name>", "");
        switch (name) {
            case "numRecordsOut":
                return operator.startsWith("input ") || operator.startsWith("Source: input ")
                        ? Kind.LINES_READ
                        : null;
            case "events_out":
                return Kind.EVENTS_OUT;
            case "open_tasks":
                return Kind.OPEN_TASKS;
            case "tasks_expired":
                return Kind.TIMEOUTS;
            case "grok_failures":
                return Kind.GROK_FAILURES;
            case "date_failures":
                return Kind.DATE_FAILURES;
            case "ruby_exceptions":
            case "code_errors":
            case "timeout_code_errors":
                return Kind.RUBY_FAILURES;
            case "numRecordsDeadLettered":
                return Kind.DEAD_LETTERED;
            default:
                return null;
        }
    }

    @Override
    public void open(MetricConfig config) {}

    @Override
    public void close() {}

    @Override
    public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
        Kind k = kindOf(name, group);
        if (k != null) {
            LIVE.put(metric, k);
        }
    }

    @Override
    public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
        Kind k = LIVE.remove(metric);
        if (k != null && k != Kind.OPEN_TASKS) {
            RETIRED.get(k).add(current(metric));
        }
    }

    /** Named in the local run's configuration; Flink creates the reporter through it. */
    public static final class Factory implements MetricReporterFactory {
        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new ProgressMetrics();
        }
    }
}
