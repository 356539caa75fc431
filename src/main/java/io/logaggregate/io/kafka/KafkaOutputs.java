package io.logaggregate.io.kafka;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.codec.Codecs;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} output's settings (Logstash's kafka output names), checked on the client.
 *
 * <p>Beyond Logstash: {@code delivery_guarantee => "exactly_once"} writes through Kafka
 * transactions committed with Flink's checkpoints, so a job restarted from a checkpoint writes no
 * record twice for consumers reading with {@code isolation_level => "read_committed"} (records
 * become visible when the checkpoint completes). It needs checkpoints ({@code
 * --checkpoint-interval}, on by default), {@code acks => "all"} (set for it), a {@code
 * transactional_id_prefix} unique among the jobs writing to the cluster (default: from the plugin's
 * {@code id}, else the topic), and a {@code transaction_timeout_ms} no larger than the brokers'
 * {@code transaction.max.timeout.ms} (15 minutes by default) and well above the checkpoint interval
 * plus the time a restart takes.
 */
public final class KafkaOutputs {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaOutputs.class);

    public static final PluginSpec SPEC =
            KafkaClientSettings.declareCommon(PluginSpec.output("kafka"))
                    .requiredString("topic_id", "the topic, with %{field} references per event")
                    .string("message_key", null, "record key, with %{field}; none: spread")
                    .hash("message_headers", "record headers: name => value (%{field} resolved)")
                    .codecOption("codec", "plain", "how events become record values")
                    .oneOf("acks", "1", "acknowledgements a write waits for", "0", "1", "all")
                    .oneOf(
                            "compression_type",
                            "none",
                            "compression of record batches",
                            "none",
                            "gzip",
                            "snappy",
                            "lz4",
                            "zstd")
                    .string("client_id", null, "client id sent to the brokers")
                    .number("batch_size", 16384, "bytes of records sent in one batch")
                    .number("linger_ms", 0, "wait for more records before sending a batch")
                    .number("buffer_memory", 33554432, "bytes buffered while brokers are slow")
                    .number("max_request_size", 1048576, "largest request (so largest record)")
                    .number("retries", null, "retries of a failed send (Kafka's default: many)")
                    .oneOf(
                            "delivery_guarantee",
                            "at_least_once",
                            "at_least_once: flushed at each checkpoint; exactly_once:"
                                    + " transactions committed with checkpoints; none: no flush",
                            "at_least_once",
                            "exactly_once",
                            "none")
                    .string(
                            "transactional_id_prefix",
                            null,
                            "exactly_once: unique per job; default from id, else topic_id")
                    .number(
                            "transaction_timeout_ms",
                            900000,
                            "exactly_once: at most the brokers' transaction.max.timeout.ms");

    private KafkaOutputs() {}

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        String topic = s.getString("topic_id");
        if (topic.isBlank()) {
            throw s.invalid("topic_id", "Expected a topic name");
        }
        String guarantee = s.getString("delivery_guarantee");
        Properties props =
                KafkaClientSettings.properties(
                        s,
                        "acks",
                        "compression_type",
                        "client_id",
                        "batch_size",
                        "linger_ms",
                        "buffer_memory",
                        "max_request_size",
                        "retries");
        if (guarantee.equals("exactly_once")) {
            if (s.has("acks") && !s.getString("acks").equals("all")) {
                throw s.error(
                        "acks", "delivery_guarantee => \"exactly_once\" needs acks => \"all\"");
            }
            props.setProperty("acks", "all");
            props.setProperty(
                    "transaction.timeout.ms", String.valueOf(s.getLong("transaction_timeout_ms")));
        } else if (s.has("transactional_id_prefix")) {
            LOG.warn(
                    "{}: transactional_id_prefix is ignored: delivery_guarantee is {}",
                    s.locationOf("transactional_id_prefix"),
                    guarantee);
        }
        if (props.getProperty("acks").equals("all")) {
            props.putIfAbsent("enable.idempotence", "true");
        } else {
            // Kafka 3 producers are idempotent by default, which needs acks=all
            props.setProperty("enable.idempotence", "false");
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, Object> h : s.getHash("message_headers").entrySet()) {
            headers.put(h.getKey(), String.valueOf(h.getValue()));
        }
        KafkaEventSerializer serializer =
                new KafkaEventSerializer(
                        topic,
                        s.getString("message_key"),
                        headers,
                        Codecs.encoder(s.getCodec("codec")));
        return new KafkaOutput(
                Names.operatorName(s),
                props,
                serializer,
                DeliveryGuarantee.valueOf(guarantee.toUpperCase(java.util.Locale.ROOT)),
                transactionalIdPrefix(s, topic));
    }

    /** The prefix given, else one made from the plugin's id or topic (letters kept). */
    private static String transactionalIdPrefix(PluginSettings s, String topic) {
        String given = s.getString("transactional_id_prefix");
        if (given != null) {
            if (given.isBlank()) {
                throw s.invalid("transactional_id_prefix", "Expected a non-empty prefix");
            }
            return given;
        }
        String id = s.string("id");
        return "log-aggregate-" + (id != null ? id : topic).replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The output, ready to attach a {@link KafkaSink}. */
    record KafkaOutput(
            String name,
            Properties properties,
            KafkaEventSerializer serializer,
            DeliveryGuarantee guarantee,
            String transactionalIdPrefix)
            implements OutputSpec {
        @Override
        public void attach(DataStream<Event> events) {
            KafkaSink<Event> sink =
                    KafkaSink.<Event>builder()
                            .setKafkaProducerConfig(properties)
                            .setBootstrapServers(properties.getProperty("bootstrap.servers"))
                            .setRecordSerializer(serializer)
                            .setDeliveryGuarantee(guarantee)
                            .setTransactionalIdPrefix(transactionalIdPrefix)
                            .build();
            events.sinkTo(sink).name(name);
        }
    }
}
