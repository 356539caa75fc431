package io.logaggregate.io;

import io.logaggregate.config.ast.PluginDef;

/** Builds an input from its plugin block; validates settings and fails with ConfigException. */
@FunctionalInterface
public interface InputFactory {
    InputSpec create(PluginDef def, IoContext ctx);
}
