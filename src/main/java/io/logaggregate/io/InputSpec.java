package io.logaggregate.io;

import io.logaggregate.event.Event;
import java.io.Serializable;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A configured input plugin, ready to become a Flink source. */
public interface InputSpec extends Serializable {
    /**
     * Set by the job compiler in the environment's configuration: true when the pipeline does not
     * depend on the arrival order within an input (batch mode, which sorts each task's events by
     * time, file and offset, and no {@code push_previous_map_as_event}), so that a large file may
     * be read as several byte ranges in parallel. Off unless set.
     */
    ConfigOption<Boolean> SPLIT_LARGE_FILES =
            ConfigOptions.key("log-aggregate.input.split-large-files")
                    .booleanType()
                    .defaultValue(false)
                    .withDescription("read large files in byte ranges, in parallel");

    /** True when the input ends by itself (file in read mode, stdin at EOF). */
    boolean bounded();

    /**
     * Adds the source to the environment. Every event carries its origin ({@link Event#setOrigin}:
     * split id and position within it) so batch mode can restore input order. Watermarks are
     * assigned later by the job compiler, not here.
     */
    DataStream<Event> build(StreamExecutionEnvironment env);

    /**
     * True when this input assigns timestamps and watermarks in its source, one watermark per split
     * (a Kafka partition), when {@link #build(StreamExecutionEnvironment, EventTime)} is given an
     * event time. The job then skips the watermark assigner it otherwise puts after the filters.
     */
    default boolean watermarksPerSplit() {
        return false;
    }

    /**
     * Adds the source; {@code eventTime} is null unless the pipeline is streaming and has an
     * aggregate with {@code timeout_timestamp_field}. Inputs that do not make their own watermarks
     * ignore it.
     */
    default DataStream<Event> build(StreamExecutionEnvironment env, EventTime eventTime) {
        return build(env);
    }

    /** For the progress of a local run: the bytes a bounded input will read, or -1 if unknown. */
    default long sizeInBytes() {
        return -1;
    }
}
