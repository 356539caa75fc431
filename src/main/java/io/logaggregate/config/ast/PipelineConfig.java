package io.logaggregate.config.ast;

import java.io.Serializable;
import java.util.List;

/**
 * A parsed pipeline file. Several sections of the same kind are concatenated in file order, as
 * Logstash does. {@code source} is the file's text (for error excerpts).
 */
public record PipelineConfig(
        String file,
        List<PluginDef> inputs,
        List<Statement> filters,
        List<Statement> outputs,
        String source)
        implements Serializable {}
