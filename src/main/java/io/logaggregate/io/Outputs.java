package io.logaggregate.io;

import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.elasticsearch.ElasticsearchOutputs;
import io.logaggregate.io.file.FileOutputs;
import io.logaggregate.io.kafka.KafkaOutputs;
import io.logaggregate.io.stdio.StdoutOutput;
import java.util.List;

/**
 * The output plugins: {@code stdout}, {@code file} and {@code null} built in. Outputs living in
 * other modules (e.g. {@code elasticsearch}) {@link #register register} their factory, so this
 * registry needs no compile-time dependency on them.
 */
public final class Outputs {
    private static final PluginRegistry<OutputFactory> REGISTERED = new PluginRegistry<>("output");

    static {
        register(StdoutOutput.SPEC, StdoutOutput::create);
        register(FileOutputs.SPEC, FileOutputs::create);
        register(NullOutput.SPEC, NullOutput::create);
        register(
                ElasticsearchOutputs.SPEC,
                (def, ctx) -> ElasticsearchOutputs.create(def, ctx.pipelineDir()));
        register(KafkaOutputs.SPEC, KafkaOutputs::create);
    }

    private Outputs() {}

    /** Adds or replaces the factory for an output plugin name. */
    public static void register(String name, OutputFactory factory) {
        REGISTERED.register(name, null, factory);
    }

    /**
     * Adds or replaces a plugin with its declaration, so that {@code check} and the documentation
     * know its settings. The factory reads the block with {@code spec.read(def)}.
     */
    public static void register(PluginSpec spec, OutputFactory factory) {
        REGISTERED.register(spec.name(), spec, factory);
    }

    /** The declarations of the registered outputs, in registration order. */
    public static List<PluginSpec> specs() {
        return REGISTERED.specs();
    }

    /** The declaration of a output, or null when it has none or is unknown. */
    public static PluginSpec spec(String name) {
        return REGISTERED.spec(name);
    }

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        return REGISTERED.factory(def).create(def, ctx);
    }
}
