package io.logaggregate.io.stdio;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.Names;
import io.logaggregate.io.codec.Codecs;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code stdin}: the lines of the process's standard input until EOF (a bounded input, with
 * parallelism 1). Only meaningful in local runs, where the task runs in the client's JVM.
 */
public final class StdinInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    public static final PluginSpec SPEC =
            PluginSpec.input("stdin")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "disabled: the field host; v1, v8: [host][hostname]",
                            "disabled",
                            "v1",
                            "v8")
                    .codecOption("codec", "line", "how lines become events");

    private final String name;
    private final StdinSource source;

    private StdinInput(String name, StdinSource source) {
        this.name = name;
        this.source = source;
    }

    public static InputSpec create(PluginDef def, IoContext ctx) {
        PluginSettings s = SPEC.read(def);
        return new StdinInput(
                Names.operatorName(s),
                new StdinSource(
                        Codecs.decoder(s.getCodec("codec")),
                        new InputDecorator(InputDecorator.Kind.STDIN, s)));
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env) {
        return env.fromSource(
                        source, WatermarkStrategy.noWatermarks(), name, EventTypeInfo.INSTANCE)
                .setParallelism(1);
    }
}
