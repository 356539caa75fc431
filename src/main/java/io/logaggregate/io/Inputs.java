package io.logaggregate.io;

import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.io.file.FileInputs;
import io.logaggregate.io.generator.GeneratorInput;
import io.logaggregate.io.kafka.KafkaInputs;
import io.logaggregate.io.stdio.StdinInput;
import java.util.List;

/**
 * The input plugins: {@code file}, {@code stdin} and {@code generator} built in; more may be {@link
 * #register registered} by other modules before pipelines are compiled.
 */
public final class Inputs {
    private static final PluginRegistry<InputFactory> REGISTERED = new PluginRegistry<>("input");

    static {
        register(FileInputs.SPEC, FileInputs::create);
        register(StdinInput.SPEC, StdinInput::create);
        register(GeneratorInput.SPEC, GeneratorInput::create);
        register(KafkaInputs.SPEC, KafkaInputs::create);
    }

    private Inputs() {}

    /** Adds or replaces the factory for an input plugin name. */
    public static void register(String name, InputFactory factory) {
        REGISTERED.register(name, null, factory);
    }

    /**
     * Adds or replaces a plugin with its declaration, so that {@code check} and the documentation
     * know its settings. The factory reads the block with {@code spec.read(def)}.
     */
    public static void register(PluginSpec spec, InputFactory factory) {
        REGISTERED.register(spec.name(), spec, factory);
    }

    /** The declarations of the registered inputs, in registration order. */
    public static List<PluginSpec> specs() {
        return REGISTERED.specs();
    }

    /** The declaration of a input, or null when it has none or is unknown. */
    public static PluginSpec spec(String name) {
        return REGISTERED.spec(name);
    }

    public static InputSpec create(PluginDef def, IoContext ctx) {
        return REGISTERED.factory(def).create(def, ctx);
    }
}
