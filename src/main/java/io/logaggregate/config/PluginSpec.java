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
        /** A number in the setting's unit, or text such as {@code "1 second"}, {@code "250 ms"}. */
        DURATION,
        /** A number of bytes, or text such as {@code "20mb"}. */
        BYTES,
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
            String doc) {
        /** Accepted for compatibility and ignored on purpose ({@link #accepted}). */
        public boolean ignored() {
            return deprecatedNoop;
        }
    }

    private final String section;
    private final String name;
    private final Map<String, Option> options = new LinkedHashMap<>();

    /**
     * The options every filter has (LogStash::Filters::Base); {@link CommonOptions} applies the
     * first four when the filter succeeds.
     */
    private static final PluginSpec COMMON_FILTER =
            new PluginSpec("filter", "every filter")
                    .hash("add_field", "fields to add when the filter succeeds (%{} interpolated)")
                    .array("add_tag", null, "tags to add when the filter succeeds")
                    .array("remove_field", null, "fields to remove when the filter succeeds")
                    .array("remove_tag", null, "tags to remove when the filter succeeds")
                    .string("id", null, "a name for this plugin block")
                    .accepted("enable_metric", Kind.BOOLEAN, true, "Flink's metrics are always on")
                    .accepted(
                            "periodic_flush",
                            Kind.BOOLEAN,
                            false,
                            "filters that need flushing do it by themselves");

    /** The options every input has (LogStash::Inputs::Base). */
    private static final PluginSpec COMMON_INPUT =
            new PluginSpec("input", "every input")
                    .hash("add_field", "fields added to every event")
                    .codecOption("codec", null, "how lines become events")
                    .accepted("enable_metric", Kind.BOOLEAN, true, "Flink's metrics are always on")
                    .string("id", null, "a name for the operator in logs and the Flink UI")
                    .array("tags", null, "tags added to every event")
                    .string("type", null, "set as the field type, unless the event has one");

    /** The options every output has (LogStash::Outputs::Base). */
    private static final PluginSpec COMMON_OUTPUT =
            new PluginSpec("output", "every output")
                    .codecOption("codec", null, "how events are written")
                    .accepted("enable_metric", Kind.BOOLEAN, true, "Flink's metrics are always on")
                    .string("id", null, "a name for the operator in logs and the Flink UI");

    private static final PluginSpec COMMON_NONE = new PluginSpec("codec", "every codec");

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

    /**
     * The options every plugin of a section has ({@code add_field}, {@code id}, ...), declared like
     * a plugin's own; a plugin may declare one of them itself to give it its own default or doc
     * (e.g. {@code codec}). Empty for codecs. Do not add to it.
     */
    public static PluginSpec common(String section) {
        return switch (section) {
            case "filter" -> COMMON_FILTER;
            case "input" -> COMMON_INPUT;
            case "output" -> COMMON_OUTPUT;
            default -> COMMON_NONE;
        };
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

    /** A duration: a number in the setting's unit (the doc says which) or friendly text. */
    public PluginSpec duration(String option, Object dflt, String doc) {
        return option(option, Kind.DURATION, dflt, false, doc);
    }

    /** A size: a number of bytes or text such as {@code "20mb"}. */
    public PluginSpec bytes(String option, Object dflt, String doc) {
        return option(option, Kind.BYTES, dflt, false, doc);
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

    /** The plugin's own declaration of a setting, else the section's common one, else null. */
    public Option declared(String option) {
        Option o = options.get(option);
        return o != null ? o : common(section).option(option);
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(options.keySet());
    }

    /** Reads a plugin block against this declaration. */
    public PluginSettings read(PluginDef def) {
        return new PluginSettings(def, this);
    }
}
