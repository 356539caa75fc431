package io.logaggregate.io;

import io.logaggregate.event.Event;
import java.io.Serializable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** A configured input plugin, ready to become a Flink source. */
public interface InputSpec extends Serializable {
    /** True when the input ends by itself (file in read mode, stdin at EOF). */
    boolean bounded();

    /**
     * Adds the source to the environment. Every event carries its origin ({@link Event#setOrigin}:
     * split id and position within it) so batch mode can restore input order. Watermarks are
     * assigned later by the job compiler, not here.
     */
    DataStream<Event> build(StreamExecutionEnvironment env);

    /** For the progress of a local run: the bytes a bounded input will read, or -1 if unknown. */
    default long sizeInBytes() {
        return -1;
    }
}
