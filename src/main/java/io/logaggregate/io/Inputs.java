package io.logaggregate.io;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.file.FileInputs;
import io.logaggregate.io.generator.GeneratorInput;
import io.logaggregate.io.kafka.KafkaInputs;
import io.logaggregate.io.stdio.StdinInput;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The input plugins: {@code file}, {@code stdin} and {@code generator} built in; more may be {@link
 * #register registered} by other modules before pipelines are compiled.
 */
public final class Inputs {
    /** A plugin's declaration (null for one registered without) and its factory. */
    private record Plugin(PluginSpec spec, InputFactory factory) {}

    private static final Map<String, Plugin> REGISTERED =
            Collections.synchronizedMap(new LinkedHashMap<>());

    static {
        register(FileInputs.SPEC, FileInputs::create);
        register(StdinInput.SPEC, StdinInput::create);
        register(GeneratorInput.SPEC, GeneratorInput::create);
        register(KafkaInputs.SPEC, KafkaInputs::create);
    }

    private Inputs() {}

    /** Adds or replaces the factory for an input plugin name. */
    public static void register(String name, InputFactory factory) {
        REGISTERED.put(name, new Plugin(null, factory));
    }

    /**
     * Adds or replaces a plugin with its declaration, so that {@code check} and the documentation
     * know its settings. The factory reads the block with {@code spec.read(def)}.
     */
    public static void register(PluginSpec spec, InputFactory factory) {
        REGISTERED.put(spec.name(), new Plugin(spec, factory));
    }

    /** The declarations of the registered inputs, in registration order. */
    public static List<PluginSpec> specs() {
        synchronized (REGISTERED) {
            return REGISTERED.values().stream().map(Plugin::spec).filter(Objects::nonNull).toList();
        }
    }

    /** The declaration of a input, or null when it has none or is unknown. */
    public static PluginSpec spec(String name) {
        Plugin p = REGISTERED.get(name);
        return p == null ? null : p.spec();
    }

    public static InputSpec create(PluginDef def, IoContext ctx) {
        Plugin plugin = REGISTERED.get(def.name());
        if (plugin == null) {
            throw new ConfigException(
                    "Couldn't find any input plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return plugin.factory().create(def, ctx);
    }
}
