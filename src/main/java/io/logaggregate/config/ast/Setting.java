package io.logaggregate.config.ast;

import io.logaggregate.config.SourceLocation;
import java.io.Serializable;

/**
 * {@code name => value}. The value is plain Java: String (quoted string or bareword), Long or
 * Double (number), List (array), LinkedHashMap&lt;String,Object&gt; (hash; keys as written, e.g.
 * {@code "message"}), or a {@link PluginDef} for a codec given as {@code codec => json { ... }}.
 * {@code bareword} is true when the value was written without quotes.
 */
public record Setting(String name, Object value, boolean bareword, SourceLocation location)
        implements Serializable {}
