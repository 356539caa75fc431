package io.logaggregate.config.ast;

import java.io.Serializable;

/** A statement in a filter or output section: a plugin block or an if/else chain. */
public sealed interface Statement extends Serializable permits PluginStatement, IfStatement {}
