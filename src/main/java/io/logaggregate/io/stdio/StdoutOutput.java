package io.logaggregate.io.stdio;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.codec.Codecs;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * {@code stdout}: events written to the process's standard output, codec {@code rubydebug} by
 * default.
 */
public final class StdoutOutput implements OutputSpec {
    private static final long serialVersionUID = 1L;

    public static final PluginSpec SPEC =
            PluginSpec.output("stdout").codecOption("codec", "rubydebug", "how events are printed");

    private final String name;
    private final StdoutSink sink;

    private StdoutOutput(String name, StdoutSink sink) {
        this.name = name;
        this.sink = sink;
    }

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        return new StdoutOutput(
                Names.operatorName(s), new StdoutSink(Codecs.encoder(s.getCodec("codec"))));
    }

    @Override
    public void attach(DataStream<Event> events) {
        events.sinkTo(sink).name(name);
    }
}
