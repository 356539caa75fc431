package io.logaggregate.config;

import io.logaggregate.config.ast.PluginDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plugin's settings, declared once: name, kind, default, required, allowed words and a line of
 * documentation — Logstash's {@code config :name, :validate => ..., :default => ...}. The factory
 * reads values through {@link PluginSettings}, which checks them against this declaration (unknown
 * names, missing required settings, words outside the allowed list) and falls back to the declared
 * default; {@code check} prints the effective values and a test checks the README's plugin table
 * against the declarations.
 *
 * <pre>{@code
 * static final PluginSpec SPEC =
 *         PluginSpec.filter("kv")
 *                 .string("source", "message", "the field to parse")
 *                 .string("field_split", " ", "characters that separate pairs")
 *                 .bool("allow_duplicate_values", true, "keep repeated pairs")
 *                 .oneOf("whitespace", "lenient", "spaces around separators", "lenient", "strict");
 * }</pre>
 */
public final class PluginSpec {

    /** The kinds of value Logstash's {@code :validate} knows, as we read them. */
    public enum Kind {
        STRING,
        NUMBER,
        BOOLEAN,
        ARRAY,
        HASH,
        CODEC,
        PATH,
        PASSWORD,
        /** Anything: the factory checks it. */
        ANY
    }

    /** One declared setting. {@code dflt} is null when there is no default. */
    public record Option(
            String name,
            Kind kind,
            Object dflt,
            boolean required,
            List<String> allowed,
            boolean deprecatedNoop,
            String doc) {}

    private final String section;
    private final String name;
    private final Map<String, Option> options = new LinkedHashMap<>();

    private PluginSpec(String section, String name) {
        this.section = section;
        this.name = name;
    }

    public static PluginSpec filter(String name) {
        return new PluginSpec("filter", name);
    }

    public static PluginSpec input(String name) {
        return new PluginSpec("input", name);
    }

    public static PluginSpec output(String name) {
        return new PluginSpec("output", name);
    }

    public static PluginSpec codec(String name) {
        return new PluginSpec("codec", name);
    }

    public String section() {
        return section;
    }

    public String name() {
        return name;
    }

    // ---------------------------------------------------------------- declaring

    /** The general form; the shorthands below call it. */
    public PluginSpec option(
            String option,
            Kind kind,
            Object dflt,
            boolean required,
            String doc,
            String... allowed) {
        if (options.containsKey(option)) {
            throw new IllegalStateException(name + ": setting '" + option + "' declared twice");
        }
        options.put(option, new Option(option, kind, dflt, required, List.of(allowed), false, doc));
        return this;
    }

    public PluginSpec string(String option, String dflt, String doc) {
        return option(option, Kind.STRING, dflt, false, doc);
    }

    public PluginSpec requiredString(String option, String doc) {
        return option(option, Kind.STRING, null, true, doc);
    }

    public PluginSpec number(String option, Number dflt, String doc) {
        return option(option, Kind.NUMBER, dflt, false, doc);
    }

    public PluginSpec bool(String option, Boolean dflt, String doc) {
        return option(option, Kind.BOOLEAN, dflt, false, doc);
    }

    /** An array; {@code dflt} null means "empty when absent". */
    public PluginSpec array(String option, List<?> dflt, String doc) {
        return option(option, Kind.ARRAY, dflt, false, doc);
    }

    public PluginSpec hash(String option, String doc) {
        return option(option, Kind.HASH, null, false, doc);
    }

    public PluginSpec requiredHash(String option, String doc) {
        return option(option, Kind.HASH, null, true, doc);
    }

    public PluginSpec path(String option, String dflt, String doc) {
        return option(option, Kind.PATH, dflt, false, doc);
    }

    public PluginSpec password(String option, String doc) {
        return option(option, Kind.PASSWORD, null, false, doc);
    }

    public PluginSpec codecOption(String option, String dflt, String doc) {
        return option(option, Kind.CODEC, dflt, false, doc);
    }

    public PluginSpec any(String option, Object dflt, String doc) {
        return option(option, Kind.ANY, dflt, false, doc);
    }

    /** One of the allowed words (Logstash's {@code :validate => [...]}). */
    public PluginSpec oneOf(String option, String dflt, String doc, String... allowed) {
        return option(option, Kind.STRING, dflt, false, doc, allowed);
    }

    /**
     * A setting Logstash has that we accept and ignore on purpose (e.g. tuning for its own thread
     * model); the doc says why. {@code check} shows it as ignored.
     */
    public PluginSpec accepted(String option, Kind kind, Object dflt, String why) {
        if (options.containsKey(option)) {
            throw new IllegalStateException(name + ": setting '" + option + "' declared twice");
        }
        options.put(option, new Option(option, kind, dflt, false, List.of(), true, why));
        return this;
    }

    // ---------------------------------------------------------------- reading

    /** The declared settings, in declaration order (the section's common ones not included). */
    public List<Option> options() {
        return Collections.unmodifiableList(new ArrayList<>(options.values()));
    }

    public Option option(String option) {
        return options.get(option);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(options.keySet());
    }

    /** Reads a plugin block against this declaration. */
    public PluginSettings read(PluginDef def) {
        return new PluginSettings(def, this);
    }
}
