package io.logaggregate.io.kafka;

import java.util.Arrays;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.TopicPartition;

/**
 * Events per second through the {@code kafka} output: starts the test broker (as the tests do),
 * creates a topic, then runs {@code input { generator { message => <postfix line> count => N } }
 * output { kafka { ... } }} in a local MiniCluster and times it from job submission until the job
 * has ended (the sink flushes at the end of its input); then checks that the end offsets of the
 * topic's partitions add up to N. Extra arguments are settings of the output, e.g. {@code 'acks =>
 * "all"'} or {@code 'compression_type => "lz4"'}. Prints the figures; not a test.
 *
 * <pre>
 * mvn -q test-compile &amp;&amp; mvn -q dependency:build-classpath -Dmdep.outputFile=cp.txt
 * mvn -q -f src/test/kafka-broker/pom.xml dependency:build-classpath \
 *     -Dmdep.outputFile=$PWD/target/kafka-broker.classpath
 * java --add-opens=java.base/java.util=ALL-UNNAMED -cp "target/classes:target/test-classes:$(cat cp.txt)" \
 *     io.logaggregate.io.kafka.KafkaSinkBenchmark [events] [partitions] [parallelism] [settings...]
 * </pre>
 */
public final class KafkaSinkBenchmark {
    private KafkaSinkBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int parallelism = args.length > 2 ? Integer.parseInt(args[2]) : partitions;
        String settings =
                args.length > 3 ? String.join(" ", Arrays.copyOfRange(args, 3, args.length)) : "";
        String bootstrap = KafkaBrokerExtension.startBroker();
        int status = 0;
        try {
            String topic = "bench-" + System.nanoTime();
            KafkaBrokerExtension.createTopic(topic, partitions);
            StreamExecutionEnvironment env =
                    KafkaBenchmarks.job(
                            """
                            input { generator { message => "%s" count => %d } }
                            output { kafka { bootstrap_servers => "%s" topic_id => "%s" %s } }
                            """
                                    .formatted(
                                            KafkaBenchmarks.postfixLine("3F2A81C0D4"),
                                            events,
                                            bootstrap,
                                            topic,
                                            settings),
                            parallelism);
            long start = System.nanoTime();
            env.execute("kafka sink benchmark");
            double seconds = (System.nanoTime() - start) / 1e9;
            long written;
            try (Admin admin = KafkaBrokerExtension.admin()) {
                Map<TopicPartition, Long> end =
                        KafkaBenchmarks.endOffsets(admin, topic, partitions);
                written = end.values().stream().mapToLong(Long::longValue).sum();
                System.out.printf("end offsets: %s%n", end);
            }
            System.out.printf(
                    "generator → kafka {%s}: %,d events in %.1f s (job start included) ="
                            + " %,.0f events/s (%d partitions, parallelism %d)%n",
                    settings, events, seconds, events / seconds, partitions, parallelism);
            if (written != events) {
                System.out.printf("WRONG: the topic holds %,d records, not %,d%n", written, events);
                status = 1;
            }
        } finally {
            KafkaBrokerExtension.stopBroker();
        }
        System.exit(status);
    }
}
