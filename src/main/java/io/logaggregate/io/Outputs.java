package io.logaggregate.io;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.elasticsearch.ElasticsearchOutputs;
import io.logaggregate.io.file.FileOutputs;
import io.logaggregate.io.stdio.StdoutOutput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The output plugins: {@code stdout}, {@code file} and {@code null} built in. Outputs living in
 * other modules (e.g. {@code elasticsearch}) {@link #register register} their factory, so this
 * registry needs no compile-time dependency on them.
 */
public final class Outputs {
    private static final Map<String, OutputFactory> REGISTERED = new ConcurrentHashMap<>();

    static {
        REGISTERED.put("stdout", StdoutOutput::create);
        REGISTERED.put("file", FileOutputs::create);
        REGISTERED.put("null", NullOutput::create);
        REGISTERED.put(
                "elasticsearch", (def, ctx) -> ElasticsearchOutputs.create(def, ctx.pipelineDir()));
    }

    private Outputs() {}

    /** Adds or replaces the factory for an output plugin name. */
    public static void register(String name, OutputFactory factory) {
        REGISTERED.put(name, factory);
    }

    public static OutputSpec create(PluginDef def, IoContext ctx) {
        OutputFactory factory = REGISTERED.get(def.name());
        if (factory == null) {
            throw new ConfigException(
                    "Couldn't find any output plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return factory.create(def, ctx);
    }
}
