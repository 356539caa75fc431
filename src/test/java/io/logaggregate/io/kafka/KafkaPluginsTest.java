package io.logaggregate.io.kafka;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import io.logaggregate.io.Defs;
import io.logaggregate.io.Inputs;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Outputs;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

/** The kafka input and output read their settings as Logstash's kafka plugins do. */
class KafkaPluginsTest {
    private static final IoContext CTX = IoContext.ofCurrentDirectory();

    private static KafkaInput input(Object... nameValues) {
        return (KafkaInput) Inputs.create(def("input", "kafka", nameValues), CTX);
    }

    private static KafkaOutputs.KafkaOutput output(Object... nameValues) {
        return (KafkaOutputs.KafkaOutput) Outputs.create(def("output", "kafka", nameValues), CTX);
    }

    @Test
    void inputDefaultsAreLogstashs() {
        KafkaInput in = input();
        assertThat(in.bounded()).isFalse();
        assertThat(in.watermarksPerSplit()).isTrue();
        assertThat(in.topics()).containsExactly("logstash");
        assertThat(in.groupId()).isEqualTo("logstash");
        assertThat(in.properties())
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "PLAINTEXT")
                .containsEntry("isolation.level", "read_uncommitted")
                .doesNotContainKey("max.poll.records");
    }

    @Test
    void inputSettingsBecomeClientProperties() {
        KafkaInput in =
                input(
                        "bootstrap_servers", "k1:9092,k2:9092",
                        "topics", List.of("a", "b"),
                        "group_id", "g",
                        "auto_offset_reset", "earliest",
                        "max_poll_records", 50L,
                        "isolation_level", "read_committed",
                        "security_protocol", "SASL_SSL",
                        "sasl_mechanism", "PLAIN");
        assertThat(in.topics()).containsExactly("a", "b");
        assertThat(in.properties())
                .containsEntry("bootstrap.servers", "k1:9092,k2:9092")
                .containsEntry("max.poll.records", "50")
                .containsEntry("isolation.level", "read_committed")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN");
        assertThat(in.source()).isNotNull();
    }

    @Test
    void topicsPatternReplacesTopics() {
        KafkaInput in = input("topics_pattern", "logs-.*");
        assertThat(in.topics()).isEmpty();
        assertThat(in.source()).isNotNull();
        assertThatThrownBy(() -> input("topics_pattern", "logs-("))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topics_pattern");
    }

    @Test
    void settingsWeDoNotSupportAreErrorsWithTheirPlace() {
        assertThatThrownBy(() -> input("schema_registry_url", "http://registry:8081"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting 'schema_registry_url' for kafka")
                .satisfies(e -> assertThat(((ConfigException) e).location().line()).isEqualTo(4));
        assertThatThrownBy(() -> input("auto_offset_reset", "smallest"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto_offset_reset");
        assertThatThrownBy(() -> input("decorate_events", "all"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("decorate_events");
        assertThatThrownBy(() -> output())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("topic_id");
    }

    @Test
    void consumerThreadsAndAutoCommitAreAcceptedAndIgnored() {
        KafkaInput in =
                input(
                        "consumer_threads",
                        4L,
                        "enable_auto_commit",
                        false,
                        "auto_commit_interval_ms",
                        100L);
        assertThat(in.properties()).doesNotContainKeys("consumer.threads", "enable.auto.commit");
    }

    @Test
    void recordsBecomeEventsWithKafkaMetadata() throws Exception {
        ConsumerRecord<byte[], byte[]> record =
                new ConsumerRecord<>(
                        "logs",
                        1,
                        42L,
                        1700000000000L,
                        TimestampType.CREATE_TIME,
                        3,
                        5,
                        "k".getBytes(StandardCharsets.UTF_8),
                        "hello".getBytes(StandardCharsets.UTF_8),
                        new RecordHeaders(
                                List.of(
                                        new RecordHeader(
                                                "h", "v".getBytes(StandardCharsets.UTF_8)))),
                        Optional.empty());

        Event none = decode(input("tags", List.of("t")), record).get(0);
        assertThat(none.get("message")).isEqualTo("hello");
        assertThat(none.get("[@metadata][kafka]")).isNull();
        assertThat(none.tags()).containsExactly("t");
        assertThat(none.split()).isEqualTo("logs-1");
        assertThat(none.position()).isEqualTo(42L);

        for (Object basic : List.of("basic", true)) {
            Event e = decode(input("decorate_events", basic, "group_id", "g"), record).get(0);
            assertThat(e.get("[@metadata][kafka][topic]")).isEqualTo("logs");
            assertThat(e.get("[@metadata][kafka][partition]")).isEqualTo(1L);
            assertThat(e.get("[@metadata][kafka][offset]")).isEqualTo(42L);
            assertThat(e.get("[@metadata][kafka][key]")).isEqualTo("k");
            assertThat(e.get("[@metadata][kafka][timestamp]")).isEqualTo(1700000000000L);
            assertThat(e.get("[@metadata][kafka][consumer_group]")).isEqualTo("g");
            assertThat(e.get("[@metadata][kafka][headers]")).isNull();
        }
        Event extended = decode(input("decorate_events", "extended"), record).get(0);
        assertThat(extended.get("[@metadata][kafka][headers][h]")).isEqualTo("v");
        assertThat(decode(input("decorate_events", false), record).get(0).get("[@metadata][kafka]"))
                .isNull();

        Event json =
                decode(
                                input("codec", "json"),
                                new ConsumerRecord<>(
                                        "logs",
                                        0,
                                        0L,
                                        null,
                                        "{\"a\":1}".getBytes(StandardCharsets.UTF_8)))
                        .get(0);
        assertThat(json.get("a")).isEqualTo(1L);
        // a tombstone makes no event
        assertThat(decode(input(), new ConsumerRecord<>("logs", 0, 1L, null, null))).isEmpty();
    }

    private static List<Event> decode(KafkaInput in, ConsumerRecord<byte[], byte[]> record)
            throws Exception {
        List<Event> out = new ArrayList<>();
        in.deserializer()
                .deserialize(
                        record,
                        new Collector<>() {
                            @Override
                            public void collect(Event e) {
                                out.add(e);
                            }

                            @Override
                            public void close() {}
                        });
        return out;
    }

    @Test
    void outputTopicKeyAndHeadersAreResolvedPerEvent() {
        KafkaOutputs.KafkaOutput out =
                output(
                        "topic_id", "mails-%{hostname}",
                        "message_key", "%{taskid}",
                        "message_headers", Map.of("source", "%{hostname}"),
                        "codec", "json");
        Event e = new Event();
        e.set("hostname", "mx1");
        e.set("taskid", "3A9C");
        ProducerRecord<byte[], byte[]> r = out.serializer().serialize(e, null, null);
        assertThat(r.topic()).isEqualTo("mails-mx1");
        assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("3A9C");
        assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"taskid\":\"3A9C\"");
        assertThat(new String(r.headers().lastHeader("source").value(), StandardCharsets.UTF_8))
                .isEqualTo("mx1");
        assertThat(r.partition()).isNull();

        ProducerRecord<byte[], byte[]> plain =
                output("topic_id", "t").serializer().serialize(e, null, null);
        assertThat(plain.key()).isNull();
    }

    @Test
    void outputDefaultsAndExactlyOnce() {
        KafkaOutputs.KafkaOutput out = output("topic_id", "t");
        assertThat(out.guarantee().name()).isEqualTo("AT_LEAST_ONCE");
        assertThat(out.properties())
                .containsEntry("acks", "1")
                .containsEntry("compression.type", "none")
                .containsEntry("enable.idempotence", "false");

        KafkaOutputs.KafkaOutput once =
                output(
                        "topic_id", "t",
                        "delivery_guarantee", "exactly_once",
                        "compression_type", "zstd",
                        "id", "mails out");
        assertThat(once.guarantee().name()).isEqualTo("EXACTLY_ONCE");
        assertThat(once.transactionalIdPrefix()).isEqualTo("log-aggregate-mails_out");
        assertThat(once.properties())
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", "true")
                .containsEntry("transaction.timeout.ms", "900000")
                .containsEntry("compression.type", "zstd");

        assertThatThrownBy(
                        () ->
                                output(
                                        "topic_id",
                                        "t",
                                        "delivery_guarantee",
                                        "exactly_once",
                                        "acks",
                                        "1"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("acks");
        assertThatThrownBy(() -> output("topic_id", "t", "compression_type", "brotli"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("compression_type");
        assertThat(Defs.LOC).isNotNull();
    }
}
