package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.OutputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Elasticsearch goes away for 20 s in the middle of a streaming job with checkpoints: the job must
 * come through and leave exactly one document per event.
 */
@ExtendWith(ElasticsearchServerExtension.class)
class ElasticsearchOutageITCase {
    private static final int EVENTS = 2000;
    private static final String INDEX = "outage-it";

    @TempDir Path tmp;

    @Test
    void theJobRecoversFromAnOutageAndTheCountIsExact() throws Exception {
        Assumptions.assumeTrue(
                ElasticsearchServerExtension.restartable(),
                "needs a server from scripts/elasticsearch.sh (not ES_URL) to stop and start");
        try (EsTestClient es = new EsTestClient(ElasticsearchServerExtension.url())) {
            es.deleteIndex(INDEX);
        }
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts",
                                List.of(ElasticsearchServerExtension.url()),
                                "index",
                                INDEX,
                                "document_id",
                                "%{taskid}",
                                "flush_size",
                                100L,
                                "retry_initial_interval",
                                1L,
                                "retry_max_interval",
                                4L,
                                "dead_letter_path",
                                tmp.resolve("dlq.jsonl").toString()),
                        Path.of("."));

        Configuration conf = new Configuration();
        conf.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 1000);
        conf.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofSeconds(1));
        conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, Duration.ofSeconds(1));
        try (MiniCluster flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(conf)
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(1)
                                .withRandomPorts()
                                .build())) {
            flink.start();
            StreamExecutionEnvironment env = new TestStreamEnvironment(flink, 1);
            env.configure(conf);
            // paced: 50 events a second, so the outage falls in the middle of the run
            DataGeneratorSource<Event> source =
                    new DataGeneratorSource<>(
                            new PostfixGenerator(),
                            EVENTS,
                            RateLimiterStrategy.perSecond(50),
                            EventTypeInfo.INSTANCE);
            out.attach(env.fromSource(source, WatermarkStrategy.noWatermarks(), "paced postfix"));
            JobClient job = env.executeAsync("elasticsearch-outage-it");

            try (EsTestClient es = new EsTestClient(ElasticsearchServerExtension.url())) {
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
                while (es.count(INDEX) < 300) {
                    assertThat(System.nanoTime()).as("300 documents written").isLessThan(deadline);
                    Thread.sleep(200);
                }
                // the outage really falls in the middle of the run
                assertThat(es.count(INDEX)).isLessThan(EVENTS);
                assertThat(job.getJobStatus().get()).isEqualTo(JobStatus.RUNNING);
            }
            ElasticsearchServerExtension.stop();
            Thread.sleep(20_000);
            ElasticsearchServerExtension.restart();

            job.getJobExecutionResult().get(10, TimeUnit.MINUTES);
        }

        try (EsTestClient es = new EsTestClient(ElasticsearchServerExtension.url())) {
            assertThat(es.count(INDEX)).isEqualTo(EVENTS);
            assertThat(es.source(INDEX, PostfixEvents.taskId(EVENTS - 1)).path("taskid").asText())
                    .isEqualTo(PostfixEvents.taskId(EVENTS - 1));
        }
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
    }

    /** Event i of the postfix sample. */
    private static final class PostfixGenerator implements GeneratorFunction<Long, Event> {
        @Override
        public Event map(Long i) {
            return PostfixEvents.event(i);
        }
    }
}
