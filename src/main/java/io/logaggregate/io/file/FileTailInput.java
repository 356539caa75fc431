package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code file { mode => "tail" }} (the default): follows files forever; see {@link TailFileSource}.
 */
final class FileTailInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final TailFileSource source;

    FileTailInput(String name, TailFileSource source) {
        this.name = name;
        this.source = source;
    }

    @Override
    public boolean bounded() {
        return false;
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env) {
        return env.fromSource(
                source, WatermarkStrategy.noWatermarks(), name, EventTypeInfo.INSTANCE);
    }
}
