package io.logaggregate.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.Outputs;
import io.logaggregate.job.CompiledPipeline;
import io.logaggregate.job.PipelineCompiler;
import io.logaggregate.job.PipelineJob;
import io.logaggregate.job.PipelineSettings;
import io.logaggregate.job.RunOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job that fails halfway and is restarted from its last checkpoint writes nothing twice to its
 * output topic (as a read_committed consumer sees it) and loses nothing: its Kafka offsets, its
 * aggregate maps and its open Kafka transaction all go back to the same checkpoint.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaExactlyOnceITCase {
    private static final int TASKS = 40;
    private static final int ITEMS = 5;

    /** Events the failing output lets pass before it throws, once; negative: disarmed. */
    static final AtomicInteger COUNTDOWN = new AtomicInteger(-1);

    static final AtomicInteger FAILURES = new AtomicInteger();

    @TempDir Path tmp;

    @BeforeAll
    static void registerFailingOutput() {
        Outputs.register(PluginSpec.output("fail_once_test"), (def, ctx) -> new FailOnceOutput());
    }

    @Test
    void aJobRestartedFromACheckpointWritesEveryTaskOnce() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "tasks-" + suffix;
        String out = "totals-" + suffix;
        KafkaBrokerExtension.createTopic(in, 2);
        KafkaBrokerExtension.createTopic(out, 2);
        Path conf = tmp.resolve("pipeline.conf");
        Files.writeString(
                conf,
                """
                input {
                  kafka {
                    bootstrap_servers => "%1$s"
                    topics => ["%2$s"]
                    group_id => "group-%2$s"
                    auto_offset_reset => "earliest"
                    codec => json
                  }
                }
                filter {
                  if [step] == "start" {
                    aggregate { task_id => "%%{id}" code => "map['n'] = 0; event.cancel()" map_action => "create" }
                  } else if [step] == "item" {
                    aggregate { task_id => "%%{id}" code => "map['n'] += 1; event.cancel()" map_action => "update" }
                  } else if [step] == "end" {
                    aggregate { task_id => "%%{id}" code => "event.set('n', map['n'])" map_action => "update" end_of_task => true }
                  }
                }
                output {
                  kafka {
                    bootstrap_servers => "%1$s"
                    topic_id => "%3$s"
                    message_key => "%%{id}"
                    codec => json
                    delivery_guarantee => "exactly_once"
                    transactional_id_prefix => "test-%2$s"
                  }
                  fail_once_test {}
                }
                """
                        .formatted(KafkaBrokerExtension.bootstrapServers(), in, out));
        CompiledPipeline pipeline = PipelineCompiler.compile(conf, PipelineSettings.none());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        PipelineJob.build(
                env,
                pipeline,
                new RunOptions(
                        2,
                        false,
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(30),
                        Duration.ofMillis(500)));

        produce(in, 0, TASKS / 2);
        JobClient job = env.executeAsync("exactly-once test");
        try (KafkaConsumer<String, String> reader = KafkaTestClients.committedReader(out)) {
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            // a first checkpoint has committed output: fail a little after the next tasks
            KafkaTestClients.readUntil(
                    reader, read, r -> !r.isEmpty(), Duration.ofMinutes(2), Duration.ZERO);
            assertThat(read).as("output committed before the failure").isNotEmpty();
            COUNTDOWN.set(TASKS / 4);
            produce(in, TASKS / 2, TASKS);
            KafkaTestClients.readUntil(
                    reader,
                    read,
                    r -> r.size() >= TASKS,
                    Duration.ofMinutes(3),
                    Duration.ofSeconds(4));

            assertThat(FAILURES.get()).as("the job failed once and was restarted").isEqualTo(1);
            Map<String, Long> totals = new TreeMap<>();
            List<String> keys = new ArrayList<>();
            for (ConsumerRecord<String, String> r : read) {
                Map<String, Object> e = Json.readObject(r.value());
                totals.put((String) e.get("id"), ((Number) e.get("n")).longValue());
                keys.add(r.key());
            }
            assertThat(keys)
                    .as("one record per task, none twice")
                    .hasSize(TASKS)
                    .doesNotHaveDuplicates();
            Map<String, Long> expected = new TreeMap<>();
            for (int t = 0; t < TASKS; t++) {
                expected.put(id(t), (long) ITEMS);
            }
            assertThat(totals).as("every item counted once").isEqualTo(expected);
        } finally {
            job.cancel().get();
        }
    }

    /** Tasks from (inclusive) to (exclusive): start, ITEMS items, end; keyed by task id. */
    private static void produce(String topic, int from, int to) throws Exception {
        try (KafkaProducer<String, String> p = KafkaTestClients.producer()) {
            for (int t = from; t < to; t++) {
                String id = id(t);
                p.send(new ProducerRecord<>(topic, id, line(id, "start")));
                for (int i = 0; i < ITEMS; i++) {
                    p.send(new ProducerRecord<>(topic, id, line(id, "item")));
                }
                p.send(new ProducerRecord<>(topic, id, line(id, "end")));
            }
            p.flush();
        }
    }

    private static String id(int t) {
        return "task-%03d".formatted(t);
    }

    private static String line(String id, String step) {
        return "{\"id\":\"" + id + "\",\"step\":\"" + step + "\"}";
    }

    /** An output that makes the job fail once, COUNTDOWN events after it is armed. */
    private static final class FailOnceOutput implements OutputSpec {
        private static final long serialVersionUID = 1L;

        @Override
        public void attach(DataStream<Event> events) {
            events.map(new FailOnce())
                    .returns(EventTypeInfo.INSTANCE)
                    .name("fail once")
                    .sinkTo(new DiscardingSink<>())
                    .name("discard");
        }
    }

    private static final class FailOnce implements MapFunction<Event, Event> {
        private static final long serialVersionUID = 1L;

        @Override
        public Event map(Event e) {
            if (COUNTDOWN.get() >= 0 && COUNTDOWN.getAndDecrement() == 0) {
                FAILURES.incrementAndGet();
                throw new IllegalStateException("failure injected by the test");
            }
            return e;
        }
    }
}
