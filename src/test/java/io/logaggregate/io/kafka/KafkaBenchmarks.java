package io.logaggregate.io.kafka;

import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.job.PipelineJob;
import io.logaggregate.job.PipelineSettings;
import io.logaggregate.job.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** What {@link KafkaSourceBenchmark} and {@link KafkaSinkBenchmark} share. */
final class KafkaBenchmarks {
    private KafkaBenchmarks() {}

    /** A postfix delivery line of about 120 bytes for queue id {@code qid}. */
    static String postfixLine(String qid) {
        return "Nov  9 23:55:12 mx1 postfix/smtp[31126]: "
                + qid
                + ": to=<bob@example.org>, relay=relay2.example.com"
                + "[192.0.2.26]:587, delay=0.5, status=sent (250 OK)";
    }

    /**
     * A local environment running {@code pipeline} (config text) through our job code at this
     * parallelism (streaming, checkpoints every 500 ms for unbounded inputs). The config file is
     * written under {@code target/} and deleted once compiled.
     */
    static StreamExecutionEnvironment job(String pipeline, int parallelism) throws Exception {
        Path dir = Files.createDirectories(Path.of("target"));
        Path conf = Files.createTempFile(dir, "kafka-bench", ".conf");
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        try {
            Files.writeString(conf, pipeline);
            PipelineJob.build(
                    env,
                    PipelineCompiler.compile(conf, PipelineSettings.none()),
                    new RunOptions(
                            parallelism,
                            false,
                            Duration.ofSeconds(5),
                            Duration.ofSeconds(30),
                            Duration.ofMillis(500)));
        } finally {
            Files.deleteIfExists(conf);
        }
        return env;
    }

    /** The end offset of each partition of {@code topic}. */
    static Map<TopicPartition, Long> endOffsets(Admin admin, String topic, int partitions)
            throws Exception {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int i = 0; i < partitions; i++) {
            latest.put(new TopicPartition(topic, i), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
