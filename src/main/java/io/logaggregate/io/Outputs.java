package io.logaggregate.io;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.elasticsearch.ElasticsearchOutputs;
import io.logaggregate.io.file.FileOutputs;
import io.logaggregate.io.kafka.KafkaOutputs;
import io.logaggregate.io.stdio.StdoutOutput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The output plugins: {@code stdout}, {@code file} and {@code null} built in. Outputs living in
 * other modules (e.g. {@code elasticsearch}) {@link #register register} their factory, so this
 * registry needs no compile-time dependency on them.
 */
public final class Outputs {
    /** A plugin's declaration (null for one registered without) and its factory. */
    private record Plugin(PluginSpec spec, OutputFactory factory) {}

    private static final Map<String, Plugin> REGISTERED =
            Collections.synchronizedMap(new LinkedHashMap<>());

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
        REGISTERED.put(name, new Plugin(null, factory));
    }

    /**
     * Adds or replaces a plugin with its declaration, so that {@code check} and the documentation
     * know its settings. The factory reads the block with {@code spec.read(def)}.
     */
    public static void register(PluginSpec spec, OutputFactory factory) {
        REGISTERED.put(spec.name(), new Plugin(spec, factory));
    }

    /** The declarations of the registered outputs, in registration order. */
    public static List<PluginSpec> specs() {
        synchronized (REGISTERED) {
            return REGISTERED.values().stream().map(Plugin::spec).filter(Objects::nonNull).toList();
        }
    }

    /** The declaration of a output, or null when it has none or is unknown. */
    public static PluginSpec spec(String name) {
        Plugin p = REGISTERED.get(name);
        return p == null ? null : p.spec();
    }

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        Plugin plugin = REGISTERED.get(def.name());
        if (plugin == null) {
            throw new ConfigException(
                    "Couldn't find any output plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return plugin.factory().create(def, ctx);
    }
}
