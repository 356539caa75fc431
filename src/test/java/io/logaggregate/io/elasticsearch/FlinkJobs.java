package io.logaggregate.io.elasticsearch;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.OutputSpec;
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;

/** A MiniCluster for one test class: runs events into an output and reads its metrics. */
final class FlinkJobs implements AutoCloseable {
    /** Keeps the metrics of every job; readable while the cluster runs (closing clears it). */
    private final InMemoryReporter reporter = InMemoryReporter.createWithRetainedMetrics();

    private final MiniCluster flink;

    FlinkJobs() throws Exception {
        flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(reporter.addToConfiguration(new Configuration()))
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .withRandomPorts()
                                .build());
        flink.start();
    }

    JobExecutionResult run(List<Event> events, OutputSpec out) throws Exception {
        StreamExecutionEnvironment env = new TestStreamEnvironment(flink, 1);
        out.attach(env.fromData(events, EventTypeInfo.INSTANCE));
        return env.execute("elasticsearch-it");
    }

    long counter(JobExecutionResult result, String name) {
        long sum = 0;
        for (Metric m : reporter.findMetrics(result.getJobID(), name).values()) {
            sum += ((Counter) m).getCount();
        }
        return sum;
    }

    @Override
    public void close() throws Exception {
        flink.close();
    }
}
