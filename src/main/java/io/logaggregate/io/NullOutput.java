package io.logaggregate.io;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/** {@code null}: events are dropped (useful for benchmarks and for filters run for effect). */
final class NullOutput implements OutputSpec {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC = PluginSpec.output("null");

    private final String name;

    private NullOutput(String name) {
        this.name = name;
    }

    static OutputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        return new NullOutput(Names.operatorName(s));
    }

    @Override
    public void attach(DataStream<Event> events) {
        events.sinkTo(new DiscardingSink<>()).name(name);
    }
}
