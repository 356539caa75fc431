package io.logaggregate.config.ast;

public record PluginStatement(PluginDef plugin) implements Statement {}
