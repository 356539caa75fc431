package io.logaggregate.config.ast;

import io.logaggregate.config.SourceLocation;
import java.io.Serializable;
import java.util.List;

/**
 * One plugin block, e.g. {@code grok { match => ... }}. {@code section} is "input", "filter" or
 * "output". Settings keep their order; a name may repeat (Logstash merges repeated hashes and
 * arrays; see {@link io.logaggregate.config.PluginSettings}).
 */
public record PluginDef(
        String section, String name, List<Setting> settings, SourceLocation location)
        implements Serializable {}
