package io.logaggregate.io;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.config.ast.PluginDef;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The plugins of one section ({@link Inputs}, {@link Outputs}): each name with its declaration
 * (null for one registered without) and its factory, in registration order.
 *
 * @param <F> the section's factory type
 */
final class PluginRegistry<F> {
    private record Plugin<F>(PluginSpec spec, F factory) {}

    private final String section;
    private final Map<String, Plugin<F>> registered = new LinkedHashMap<>();

    PluginRegistry(String section) {
        this.section = section;
    }

    synchronized void register(String name, PluginSpec spec, F factory) {
        registered.put(name, new Plugin<>(spec, factory));
    }

    synchronized List<PluginSpec> specs() {
        return registered.values().stream().map(Plugin::spec).filter(Objects::nonNull).toList();
    }

    synchronized PluginSpec spec(String name) {
        Plugin<F> p = registered.get(name);
        return p == null ? null : p.spec();
    }

    /** The factory for the block's plugin name, or Logstash's error for an unknown one. */
    synchronized F factory(PluginDef def) {
        Plugin<F> plugin = registered.get(def.name());
        if (plugin == null) {
            throw new ConfigException(
                    "Couldn't find any "
                            + section
                            + " plugin named '"
                            + def.name()
                            + "'. Are you sure this is correct?",
                    def.location());
        }
        return plugin.factory();
    }
}
