package io.logaggregate.io.kafka;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.EventTime;
import io.logaggregate.io.InputSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/**
 * {@code kafka}: an unbounded Flink {@link KafkaSource}. Offsets live in Flink's checkpoints and
 * are committed to the consumer group when a checkpoint completes (so a restarted job reads on from
 * its checkpoint, and a new job of the same group from the group's offsets).
 *
 * <p>Event time: when the pipeline has an aggregate with {@code timeout_timestamp_field}, the
 * source makes one watermark per partition (Flink's per-split watermarks) from the records' Kafka
 * timestamps (the producer's CreateTime, or the broker's LogAppendTime); a partition without
 * records for the run's idleness time stops holding the watermark back. A partition that lags
 * behind therefore never makes another partition's events late.
 */
final class KafkaInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final Properties properties;
    private final List<String> topics;
    private final String topicsPattern;
    private final String groupId;
    private final String clientId;
    private final String autoOffsetReset;
    private final boolean perPartitionWatermarks;
    private final KafkaEventDeserializer deserializer;

    KafkaInput(
            String name,
            Properties properties,
            List<String> topics,
            String topicsPattern,
            String groupId,
            String clientId,
            String autoOffsetReset,
            boolean perPartitionWatermarks,
            KafkaEventDeserializer deserializer) {
        this.name = name;
        this.properties = properties;
        this.topics = new ArrayList<>(topics);
        this.topicsPattern = topicsPattern;
        this.groupId = groupId;
        this.clientId = clientId;
        this.autoOffsetReset = autoOffsetReset;
        this.perPartitionWatermarks = perPartitionWatermarks;
        this.deserializer = deserializer;
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public boolean watermarksPerSplit() {
        return perPartitionWatermarks;
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env) {
        return build(env, null);
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env, EventTime eventTime) {
        return env.fromSource(source(), watermarks(eventTime), name, EventTypeInfo.INSTANCE);
    }

    List<String> topics() {
        return topics;
    }

    String groupId() {
        return groupId;
    }

    Properties properties() {
        return properties;
    }

    KafkaEventDeserializer deserializer() {
        return deserializer;
    }

    KafkaSource<Event> source() {
        KafkaSourceBuilder<Event> b =
                KafkaSource.<Event>builder()
                        .setProperties(properties)
                        .setGroupId(groupId)
                        .setClientIdPrefix(clientId)
                        .setStartingOffsets(OffsetsInitializer.committedOffsets(resetStrategy()))
                        .setDeserializer(deserializer)
                        // offsets go to the group when a checkpoint completes (Flink's default,
                        // said here because the input's guarantee rests on it)
                        .setProperty("commit.offsets.on.checkpoint", "true");
        if (topicsPattern != null) {
            b.setTopicPattern(Pattern.compile(topicsPattern));
        } else {
            b.setTopics(topics);
        }
        return b.build();
    }

    private OffsetResetStrategy resetStrategy() {
        if (autoOffsetReset == null) {
            return OffsetResetStrategy.LATEST;
        }
        return switch (autoOffsetReset) {
            case "earliest" -> OffsetResetStrategy.EARLIEST;
            case "none" -> OffsetResetStrategy.NONE;
            default -> OffsetResetStrategy.LATEST;
        };
    }

    private WatermarkStrategy<Event> watermarks(EventTime eventTime) {
        if (eventTime == null || !perPartitionWatermarks) {
            return WatermarkStrategy.noWatermarks();
        }
        // the record's Kafka timestamp: a codec cannot be trusted with the field (plain sets
        // @timestamp to the time of reading), and producers of live logs stamp records with the
        // time they read the line
        SerializableTimestampAssigner<Event> assigner = (event, recordTimestamp) -> recordTimestamp;
        WatermarkStrategy<Event> s =
                WatermarkStrategy.<Event>forBoundedOutOfOrderness(eventTime.outOfOrderness())
                        .withTimestampAssigner(assigner);
        return eventTime.idleness().isZero() ? s : s.withIdleness(eventTime.idleness());
    }
}
