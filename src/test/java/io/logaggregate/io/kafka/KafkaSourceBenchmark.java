package io.logaggregate.io.kafka;

import java.util.Map;
import java.util.Properties;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events per second through the {@code kafka} input into {@code null}: starts the test broker (as
 * the tests do), fills a topic with postfix-like lines, then runs {@code input { kafka { ... } }
 * output { null { } }} in a local MiniCluster and times it until the consumer group's offsets
 * (committed at each checkpoint, every 500 ms) reach the end of every partition. Prints the
 * figures; not a test.
 *
 * <pre>
 * mvn -q test-compile &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * mvn -q -f src/test/kafka-broker/pom.xml dependency:build-classpath \
 *     -Dmdep.outputFile=$PWD/target/kafka-broker.classpath
 * java --add-opens=java.base/java.util=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *     io.logaggregate.io.kafka.KafkaSourceBenchmark [records] [partitions] [parallelism]
 * </pre>
 */
public final class KafkaSourceBenchmark {
    private KafkaSourceBenchmark() {}

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : partitions;
        String bootstrap = KafkaBrokerExtension.startBroker();
        try {
            String topic = "bench-" + System.nanoTime();
            KafkaBrokerExtension.createTopic(topic, partitions);
            long t0 = System.nanoTime();
            produce(bootstrap, topic, records);
            double produced = (System.nanoTime() - t0) / 1e9;
            System.out.printf(
                    "produced %,d records into %d partitions in %.1f s%n",
                    records, partitions, produced);

            String group = "bench-" + topic;
            StreamExecutionEnvironment env =
                    KafkaBenchmarks.job(
                            """
                            input { kafka { bootstrap_servers => "%s" topics => ["%s"]
                                            group_id => "%s" auto_offset_reset => "earliest" } }
                            output { null { } }
                            """
                                    .formatted(bootstrap, topic, group),
                            parallelism);
            long start = System.nanoTime();
            JobClient job = env.executeAsync("kafka source benchmark");
            try (Admin admin = KafkaBrokerExtension.admin()) {
                Map<TopicPartition, Long> end =
                        KafkaBenchmarks.endOffsets(admin, topic, partitions);
                while (!reached(admin, group, end)) {
                    Thread.sleep(100);
                }
            } finally {
                job.cancel().get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    "kafka → null: %,d events in %.1f s (job start included) = %,.0f events/s"
                            + " (%d partitions, parallelism %d)%n",
                    records, seconds, records / seconds, partitions, parallelism);
        } finally {
            KafkaBrokerExtension.stopBroker();
        }
        System.exit(0);
    }

    private static void produce(String bootstrap, String topic, int records) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            for (int i = 0; i < records; i++) {
                String qid = String.format("%010X", i / 5);
                producer.send(new ProducerRecord<>(topic, qid, KafkaBenchmarks.postfixLine(qid)));
            }
            producer.flush();
        }
    }

    private static boolean reached(Admin admin, String group, Map<TopicPartition, Long> end)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed =
                admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            if (c == null || c.offset() < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
