package io.logaggregate.io.kafka;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.codec.Codecs;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code kafka} input's settings (Logstash's kafka input names), checked on the client.
 *
 * <p>Differences from Logstash, on purpose:
 *
 * <ul>
 *   <li>Offsets are committed to the group when a Flink checkpoint completes, and a restored job
 *       starts from the offsets in its checkpoint: {@code enable_auto_commit} and {@code
 *       auto_commit_interval_ms} are accepted and ignored. Without a committed offset the reader
 *       starts where {@code auto_offset_reset} says (Kafka's default: latest).
 *   <li>{@code consumer_threads} is accepted and ignored: the source runs at the job's parallelism
 *       ({@code -p}), each reader taking a share of the partitions, so that the filters stay
 *       chained to it and every partition's events reach the aggregate in order.
 *   <li>{@code client_id} is a prefix: each reader adds its subtask number.
 *   <li>Partitions are assigned by Flink, not by the group coordinator: {@code
 *       partition_assignment_strategy}, {@code group_instance_id} and the heartbeat settings have
 *       nothing to act on and are not supported.
 * </ul>
 */
public final class KafkaInputs {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaInputs.class);

    private static final String CHECKPOINTS =
            "offsets are committed when a Flink checkpoint completes";

    public static final PluginSpec SPEC =
            KafkaClientSettings.declareCommon(PluginSpec.input("kafka"))
                    .array("topics", List.of("logstash"), "topics to read")
                    .string(
                            "topics_pattern",
                            null,
                            "a regular expression of topics to read (instead of topics)")
                    .string("group_id", "logstash", "consumer group the offsets are committed to")
                    .string("client_id", "logstash", "client id prefix (the subtask is appended)")
                    .oneOf(
                            "auto_offset_reset",
                            null,
                            "where to start without a committed offset; Kafka's default: latest",
                            "earliest",
                            "latest",
                            "none")
                    .any(
                            "decorate_events",
                            "none",
                            "none, basic (or true): [@metadata][kafka] topic, consumer_group,"
                                    + " partition, offset, key, timestamp; extended: and headers")
                    .oneOf(
                            "isolation_level",
                            "read_uncommitted",
                            "read_committed skips records of aborted transactions",
                            "read_uncommitted",
                            "read_committed")
                    .oneOf(
                            "watermarks",
                            "per_partition",
                            "event time: per_partition in the source from the record timestamps;"
                                    + " after_filters: from timeout_timestamp_field, as for"
                                    + " files",
                            "per_partition",
                            "after_filters")
                    .number("max_poll_records", null, "records returned by one poll")
                    .number("fetch_min_bytes", null, "least data a fetch waits for")
                    .number("fetch_max_bytes", null, "most data a fetch returns")
                    .number("fetch_max_wait_ms", null, "longest a fetch waits for fetch_min_bytes")
                    .number("max_partition_fetch_bytes", null, "most data per partition and fetch")
                    .bool("check_crcs", null, "check the CRC of the records read")
                    .string("client_rack", null, "rack id, to fetch from the closest replica")
                    .codecOption("codec", "plain", "how a record's value becomes events")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "accepted; the kafka input adds no ECS fields",
                            "disabled",
                            "v1",
                            "v8")
                    .accepted(
                            "consumer_threads",
                            PluginSpec.Kind.NUMBER,
                            1,
                            "the source runs at the job's parallelism (-p)")
                    .accepted("enable_auto_commit", PluginSpec.Kind.BOOLEAN, true, CHECKPOINTS)
                    .accepted("auto_commit_interval_ms", PluginSpec.Kind.NUMBER, 5000, CHECKPOINTS)
                    .accepted(
                            "poll_timeout_ms",
                            PluginSpec.Kind.NUMBER,
                            100,
                            "the Flink source polls on its own schedule");

    private KafkaInputs() {}

    public static InputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        String bootstrap = s.getString("bootstrap_servers");
        if (bootstrap == null || bootstrap.isBlank()) {
            throw s.invalid("bootstrap_servers", "Expected host:port of at least one broker");
        }
        String pattern = s.getString("topics_pattern");
        List<String> topics = s.getList("topics");
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw s.invalid("topics_pattern", e.getDescription());
            }
            if (s.has("topics")) {
                LOG.warn(
                        "{}: topics is ignored: topics_pattern is set",
                        s.locationOf("topics_pattern"));
            }
            topics = List.of();
        } else if (topics.isEmpty()) {
            throw s.invalid("topics", "Expected at least one topic");
        }
        for (PluginSpec.Option o : SPEC.options()) {
            if (o.ignored() && s.has(o.name())) {
                LOG.warn("{}: {} is ignored: {}", s.locationOf(o.name()), o.name(), o.doc());
            }
        }
        Properties props =
                KafkaClientSettings.properties(
                        s,
                        "isolation_level",
                        "max_poll_records",
                        "fetch_min_bytes",
                        "fetch_max_bytes",
                        "fetch_max_wait_ms",
                        "max_partition_fetch_bytes",
                        "check_crcs",
                        "client_rack");
        String groupId = s.getString("group_id");
        return new KafkaInput(
                Names.operatorName(s),
                props,
                topics,
                pattern,
                groupId,
                s.getString("client_id"),
                s.getString("auto_offset_reset"),
                s.getString("watermarks").equals("per_partition"),
                new KafkaEventDeserializer(
                        Codecs.decoder(s.getCodec("codec")),
                        new InputDecorator(InputDecorator.Kind.NONE, s),
                        decorate(s),
                        groupId));
    }

    private static KafkaEventDeserializer.Decorate decorate(PluginSettings s) {
        Object raw = s.get("decorate_events");
        String v = raw instanceof Boolean b ? b.toString() : s.getString("decorate_events");
        return switch (v) {
            case "none", "false" -> KafkaEventDeserializer.Decorate.NONE;
            case "basic", "true" -> KafkaEventDeserializer.Decorate.BASIC;
            case "extended" -> KafkaEventDeserializer.Decorate.EXTENDED;
            default ->
                    throw s.invalid(
                            "decorate_events",
                            "Expected one of [\"none\", \"basic\", \"extended\", \"false\","
                                    + " \"true\"]");
        };
    }
}
