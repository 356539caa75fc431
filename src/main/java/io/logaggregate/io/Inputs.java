package io.logaggregate.io;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.file.FileInputs;
import io.logaggregate.io.generator.GeneratorInput;
import io.logaggregate.io.stdio.StdinInput;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The input plugins: {@code file} and {@code stdin} built in; more may be {@link #register
 * registered} by other modules before pipelines are compiled.
 */
public final class Inputs {
    private static final Map<String, InputFactory> REGISTERED = new ConcurrentHashMap<>();

    static {
        REGISTERED.put("file", FileInputs::create);
        REGISTERED.put("stdin", StdinInput::create);
        REGISTERED.put("generator", GeneratorInput::create);
    }

    private Inputs() {}

    /** Adds or replaces the factory for an input plugin name. */
    public static void register(String name, InputFactory factory) {
        REGISTERED.put(name, factory);
    }

    public static InputSpec create(PluginDef def, IoContext ctx) {
        InputFactory factory = REGISTERED.get(def.name());
        if (factory == null) {
            throw new ConfigException(
                    "Couldn't find any input plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return factory.create(def, ctx);
    }
}
