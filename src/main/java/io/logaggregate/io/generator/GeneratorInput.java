package io.logaggregate.io.generator;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.InputSpec;
import io.logaggregate.io.IoContext;
import io.logaggregate.io.codec.Codecs;
import io.logaggregate.io.codec.Decoder;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.Collector;

/**
 * Logstash's {@code generator} input, the one its users test pipelines with: {@code lines} (or one
 * {@code message}, default "Hello world!") emitted {@code count} times, in order, each event with
 * {@code sequence} (the round, from 0) and {@code host}. {@code count => 0}, Logstash's default,
 * repeats forever (an unbounded input); any other count ends the input.
 */
public final class GeneratorInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    public static final PluginSpec SPEC =
            PluginSpec.input("generator")
                    .array("lines", null, "the lines to emit, in order; replaces message")
                    .string("message", "Hello world!", "the line to emit when lines is not set")
                    .number("count", 0, "rounds over the lines; 0 = forever (unbounded)")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "disabled: host, sequence; v1, v8: [host][name], [event][sequence]",
                            "disabled",
                            "v1",
                            "v8")
                    .codecOption("codec", "plain", "how lines become events");

    private final List<String> lines;
    private final long count;
    private final Decoder decoder;
    private final InputDecorator decorator;
    private final boolean ecs;

    private GeneratorInput(PluginSettings s) {
        this.lines =
                s.has("lines")
                        ? new ArrayList<>(s.getList("lines"))
                        : List.of(s.getString("message"));
        this.count = s.getLong("count");
        if (count < 0) {
            throw s.error(
                    "count",
                    "Invalid setting for generator input plugin: count must not be negative");
        }
        this.decoder = Codecs.decoder(s.getCodec("codec"));
        this.decorator = new InputDecorator(InputDecorator.Kind.GENERATOR, s);
        this.ecs = !s.getString("ecs_compatibility").equals("disabled");
    }

    public static InputSpec create(PluginDef def, IoContext ctx) {
        return new GeneratorInput(SPEC.read(def));
    }

    @Override
    public boolean bounded() {
        return count > 0;
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env) {
        long total = count > 0 ? count * lines.size() : Long.MAX_VALUE;
        List<String> lines = this.lines;
        Decoder decoder = this.decoder;
        InputDecorator decorator = this.decorator;
        String sequenceField = ecs ? "[event][sequence]" : "sequence";
        return env.fromSequence(0, total - 1)
                .setParallelism(1)
                .name("generator")
                .flatMap(
                        (FlatMapFunction<Long, Event>)
                                (i, out) -> emit(i, lines, decoder, decorator, sequenceField, out),
                        EventTypeInfo.INSTANCE)
                .setParallelism(1)
                .name("generator");
    }

    private static void emit(
            long i,
            List<String> lines,
            Decoder decoder,
            InputDecorator decorator,
            String sequenceField,
            Collector<Event> out) {
        decoder.decode(
                lines.get((int) (i % lines.size())),
                e -> {
                    e.set(sequenceField, i / lines.size());
                    decorator.decorate(e, null);
                    e.setOrigin("generator", i);
                    out.collect(e);
                });
    }
}
