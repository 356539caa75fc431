package io.logaggregate.io;

import io.logaggregate.config.ast.PluginDef;

/** Builds an output from its plugin block; validates settings and fails with ConfigException. */
@FunctionalInterface
public interface OutputFactory {
    OutputSpec create(PluginDef def, IoContext ctx);
}
