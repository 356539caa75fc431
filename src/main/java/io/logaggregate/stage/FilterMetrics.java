package io.logaggregate.stage;

import io.logaggregate.filter.FailureCounting;
import io.logaggregate.program.FilterProgram;
import io.logaggregate.program.Instruction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.metrics.MetricGroup;

/**
 * The filters' metrics of a stage: under the group {@code filters}, one gauge per kind of failure
 * ({@code grok_failures}, {@code date_failures}), the sum over the stage's filters of that kind.
 */
final class FilterMetrics {
    private FilterMetrics() {}

    static void register(MetricGroup operator, FilterProgram program) {
        Map<String, List<FailureCounting>> byMetric = new LinkedHashMap<>();
        for (Instruction i : program.code()) {
            if (i instanceof Instruction.RunFilter f && f.filter() instanceof FailureCounting c) {
                byMetric.computeIfAbsent(c.failureMetric(), k -> new ArrayList<>()).add(c);
            }
        }
        MetricGroup g = operator.addGroup("filters");
        byMetric.forEach(
                (name, filters) ->
                        g.<Long, org.apache.flink.metrics.Gauge<Long>>gauge(
                                name,
                                () -> filters.stream().mapToLong(FailureCounting::failures).sum()));
    }
}
