package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Values;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's translate filter: looks the text of {@code source} up in a dictionary and writes the
 * value found to {@code target} (else {@code fallback}, when set).
 *
 * <p>Look-up: {@code exact => true} (default) compares the whole text; with {@code regex => true}
 * the keys are Ruby regexes and the first (in dictionary order) that matches anywhere wins; {@code
 * exact => false} replaces every occurrence of any key (taken literally) inside the text, as
 * Logstash does. A number is looked up as its text, an array as its first element.
 *
 * <p>{@code iterate_on}: the same field as {@code source} translates each element of an array into
 * an array at {@code target}; another field is an array of hashes, and {@code source}/{@code
 * target} name fields inside each of them.
 *
 * <p>Dictionary files are read on the client when the job is built, so a bad file fails at start
 * with its location, and the dictionary travels in the job graph (a cluster's TaskManagers need not
 * have the file to start). With {@code refresh_interval > 0} each parallel instance re-reads the
 * file from the same path on its TaskManager, checked as events pass at most once per interval
 * (Logstash's scheduler; an interval up to 300 s re-reads only a file whose modification time
 * changed); {@code refresh_behaviour} {@code merge} keeps keys the new file lacks, {@code replace}
 * drops them. A file that is missing or broken at a refresh leaves the dictionary as it was, with a
 * warning, as in Logstash.
 *
 * <p>Names: {@code source}/{@code target}, or the deprecated {@code field}/{@code destination}
 * (both of a pair is an error). {@code target} defaults to {@code translation}, or to the source
 * itself with ECS. Translating in place ({@code source == target}) overrides by default and always
 * "matches"; otherwise the common options apply when a translation or the fallback was written.
 */
public final class TranslateFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TranslateFilter.class);

    static final long DEFAULT_YAML_CODE_POINT_LIMIT = 134_217_728L;

    static final PluginSpec SPEC =
            PluginSpec.filter("translate")
                    .string("source", null, "the field whose text is looked up (required)")
                    .string("field", null, "deprecated name of source")
                    .string(
                            "target",
                            null,
                            "where the translation goes (translation; the source itself with ECS)")
                    .string("destination", null, "deprecated name of target")
                    .option(
                            "override",
                            PluginSpec.Kind.BOOLEAN,
                            null,
                            false,
                            "replace a target that exists (false; true when translating in place)")
                    .hash("dictionary", "inline dictionary: key => value")
                    .path("dictionary_path", null, "dictionary file: .yml/.yaml, .json or .csv")
                    .number(
                            "refresh_interval",
                            300,
                            "seconds between re-reads of dictionary_path (0 or less: never)")
                    .oneOf(
                            "refresh_behaviour",
                            "merge",
                            "on re-read, keep keys the file lost (merge) or drop them (replace)",
                            "merge",
                            "replace")
                    .option(
                            "yaml_dictionary_code_point_limit",
                            PluginSpec.Kind.NUMBER,
                            null,
                            false,
                            "largest YAML dictionary, in characters (134217728)")
                    .oneOf(
                            "yaml_load_strategy",
                            "one_shot",
                            "how YAML is read; both give the same dictionary here",
                            "one_shot",
                            "streaming")
                    .bool("exact", true, "match the whole text (false: replace keys inside it)")
                    .bool("regex", false, "keys are regexes (with exact)")
                    .string("fallback", null, "value when nothing matches (%{} interpolated)")
                    .string(
                            "iterate_on",
                            null,
                            "an array field: its values (= source) or hashes holding source")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "with v1/v8 the default target is the source",
                            "disabled",
                            "v1",
                            "v8");

    private final String source;
    private final String target;
    private final boolean override;
    private final String fallback;
    private final String iterateOn;
    private final boolean exact;
    private final boolean regex;
    private final String dictionaryPath;
    private final long refreshNanos;
    private final boolean replaceOnRefresh;
    private final long yamlCodePointLimit;
    private final LinkedHashMap<String, Object> initial;
    private final long initialMtime;
    private final CommonOptions common;

    // per parallel instance, built at open() and at refreshes
    private transient LinkedHashMap<String, Object> dictionary;
    private transient TranslateDictionary.Lookup lookup;
    private transient long nextRefresh;
    private transient long mtime;

    private TranslateFilter(PluginSettings s, FilterContext ctx) {
        String src = s.getString("source");
        String field = s.getString("field");
        if (field != null) {
            if (src != null) {
                throw s.error(
                        "field",
                        "Please remove `field => \""
                                + field
                                + "\"` and only set the `source => ...` option instead");
            }
            src = field;
        }
        if (src == null) {
            throw new ConfigException(
                    "No source field specified, please provide the `source => ...` option",
                    s.plugin().location());
        }
        source = src;
        FilterFields.check(s, s.has("source") ? "source" : "field", source);
        String tgt = s.getString("target");
        String destination = s.getString("destination");
        if (destination != null) {
            if (tgt != null) {
                throw s.error(
                        "destination",
                        "Please remove `destination => \""
                                + destination
                                + "\"` and only set the `target => ...` option instead");
            }
            tgt = destination;
        }
        boolean ecs = !s.getString("ecs_compatibility").equals("disabled");
        target = tgt != null ? tgt : ecs ? source : "translation";
        FilterFields.check(s, s.has("destination") ? "destination" : "target", target);
        Boolean ov = s.bool("override");
        if (source.equals(target)) {
            if (Boolean.FALSE.equals(ov)) {
                throw s.error(
                        "override",
                        "Configuring `override => false` with in-place translation has no effect,"
                                + " please remove the option");
            }
            override = true;
        } else {
            override = ov != null && ov;
        }
        fallback = s.getString("fallback");
        iterateOn = s.getString("iterate_on");
        FilterFields.check(s, "iterate_on", iterateOn);
        exact = s.getBool("exact");
        regex = s.getBool("regex");
        double refresh = s.getDouble("refresh_interval");
        refreshNanos = refresh > 0 ? (long) (refresh * 1e9) : 0;
        replaceOnRefresh = s.getString("refresh_behaviour").equals("replace");

        Map<String, Object> inline = s.getHash("dictionary");
        String path = s.getString("dictionary_path");
        if (path != null && !inline.isEmpty()) {
            throw s.error(
                    "dictionary_path",
                    "The configuration options 'dictionary' and 'dictionary_path' are mutually"
                            + " exclusive");
        }
        initial = new LinkedHashMap<>();
        if (path == null) {
            if (s.has("yaml_dictionary_code_point_limit")) {
                throw s.error(
                        "yaml_dictionary_code_point_limit",
                        "Please remove `yaml_dictionary_code_point_limit` for an inline"
                                + " dictionary");
            }
            inline.forEach((k, v) -> initial.put(k, Values.normalize(v)));
            dictionaryPath = null;
            yamlCodePointLimit = DEFAULT_YAML_CODE_POINT_LIMIT;
            initialMtime = 0;
        } else {
            if (!TranslateDictionary.knownFormat(path)) {
                throw s.error(
                        "dictionary_path",
                        "Translate: Dictionary " + path + " has a non valid format");
            }
            if (TranslateDictionary.isYaml(path)) {
                long limit =
                        s.has("yaml_dictionary_code_point_limit")
                                ? s.getLong("yaml_dictionary_code_point_limit")
                                : DEFAULT_YAML_CODE_POINT_LIMIT;
                if (limit <= 0) {
                    throw s.error(
                            "yaml_dictionary_code_point_limit",
                            "Please set a positive number in `yaml_dictionary_code_point_limit => "
                                    + limit
                                    + "`.");
                }
                yamlCodePointLimit = limit;
            } else if (s.has("yaml_dictionary_code_point_limit")) {
                throw s.error(
                        "yaml_dictionary_code_point_limit",
                        "Please remove `yaml_dictionary_code_point_limit` for dictionary file in"
                                + " JSON or CSV format");
            } else {
                yamlCodePointLimit = DEFAULT_YAML_CODE_POINT_LIMIT;
            }
            Path file = ctx.resolve(path).toAbsolutePath();
            dictionaryPath = file.toString();
            try {
                initialMtime = Files.getLastModifiedTime(file).toMillis();
                TranslateDictionary.read(file, yamlCodePointLimit, initial);
            } catch (TranslateDictionary.DictionaryException e) {
                throw s.error("dictionary_path", e.getMessage());
            } catch (IOException e) {
                throw s.error(
                        "dictionary_path",
                        "Translate: cannot read dictionary file " + file + ": " + e);
            }
        }
        try {
            TranslateDictionary.lookup(initial, exact, regex);
        } catch (PatternSyntaxException e) {
            throw s.error(
                    path == null ? "dictionary" : "dictionary_path",
                    "Translate: invalid regex key '" + e.getPattern() + "': " + e.getDescription());
        }
        common = CommonOptions.from(s);
    }

    public static TranslateFilter create(PluginSettings settings, FilterContext ctx) {
        return new TranslateFilter(settings, ctx);
    }

    @Override
    public void open() {
        dictionary = new LinkedHashMap<>(initial);
        lookup = TranslateDictionary.lookup(dictionary, exact, regex);
        mtime = initialMtime;
        nextRefresh = System.nanoTime() + refreshNanos;
    }

    // ---------------------------------------------------------------- refresh

    /** Re-reads the dictionary file when the interval has passed (Logstash's scheduler job). */
    private void refreshIfDue() {
        if (dictionaryPath == null || refreshNanos == 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - nextRefresh < 0) {
            return;
        }
        nextRefresh = now + refreshNanos;
        reload(refreshNanos <= 300_000_000_000L);
    }

    /** Re-reads the file (only when its modification time changed, if asked). */
    void reload(boolean onlyIfModified) {
        Path file = Path.of(dictionaryPath);
        try {
            long m = Files.getLastModifiedTime(file).toMillis();
            if (onlyIfModified && m == mtime) {
                return;
            }
            LinkedHashMap<String, Object> next =
                    replaceOnRefresh ? new LinkedHashMap<>() : new LinkedHashMap<>(dictionary);
            TranslateDictionary.read(file, yamlCodePointLimit, next);
            TranslateDictionary.Lookup l = TranslateDictionary.lookup(next, exact, regex);
            dictionary = next;
            lookup = l;
            mtime = m;
        } catch (IOException | TranslateDictionary.DictionaryException | RuntimeException e) {
            LOG.warn(
                    "translate: dictionary file {} could not be re-read, continuing with the old"
                            + " dictionary: {}",
                    dictionaryPath,
                    e.getMessage());
        }
    }

    // ---------------------------------------------------------------- filtering

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        refreshIfDue();
        boolean matched;
        try {
            if (iterateOn == null) {
                if (!override && includes(event, target)) {
                    return;
                }
                if (!includes(event, source)) {
                    return;
                }
                matched = single(event);
            } else if (iterateOn.equals(source)) {
                if (!override && includes(event, target)) {
                    return;
                }
                if (!includes(event, iterateOn)) {
                    return;
                }
                matched = arrayOfValues(event);
            } else {
                if (!includes(event, iterateOn)) {
                    return;
                }
                matched = arrayOfMaps(event);
            }
        } catch (IllegalArgumentException e) {
            // a target that cannot be written (Logstash logs the error and goes on)
            LOG.debug("translate: {}", e.getMessage());
            return;
        }
        if (matched || source.equals(target)) {
            common.apply(event);
        }
    }

    private static boolean includes(Event e, String field) {
        return e.includes(FieldRef.parse(field));
    }

    private boolean single(Event event) {
        Object value = event.get(FieldRef.parse(source));
        String text;
        if (value instanceof String s) {
            text = s;
        } else if (value instanceof List<?> l) {
            text = LogstashValues.rubyToS(l.isEmpty() ? null : l.get(0));
        } else {
            text = LogstashValues.rubyToS(value);
        }
        Object found = lookup.fetch(text);
        FieldRef out = FieldRef.parse(target);
        if (found != TranslateDictionary.NONE) {
            event.set(out, found);
            return true;
        }
        if (fallback != null) {
            event.set(out, event.sprintf(fallback));
            return true;
        }
        return false;
    }

    private boolean arrayOfValues(Event event) {
        List<Object> values = CommonOptions.toArray(event.get(FieldRef.parse(iterateOn)));
        List<Object> out = new ArrayList<>(values.size());
        String fb = fallback == null ? null : event.sprintf(fallback);
        boolean any = false;
        for (Object v : values) {
            Object found = lookup.fetch(LogstashValues.rubyToS(v));
            Object put = found != TranslateDictionary.NONE ? found : fb;
            out.add(put);
            any |= put != null && !Boolean.FALSE.equals(put);
        }
        event.set(FieldRef.parse(target), out);
        return any;
    }

    private boolean arrayOfMaps(Event event) {
        Object base = event.get(FieldRef.parse(bracketed(iterateOn)));
        if (!(base instanceof List<?> elements)) {
            return false; // Array(hash) gives pairs, which hold no fields to translate
        }
        List<String> inner = FieldRef.parse(bracketed(source)).path();
        List<String> dest = FieldRef.parse(bracketed(target)).path();
        boolean any = false;
        for (Object element : elements) {
            if (!(element instanceof Map<?, ?>)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) element;
            Object v = at(m, inner);
            if (v == null) {
                continue;
            }
            Object found = lookup.fetch(LogstashValues.rubyToS(v));
            if (found != TranslateDictionary.NONE) {
                put(m, dest, found);
                any = true;
            } else if (fallback != null) {
                put(m, dest, event.sprintf(fallback));
                any = true;
            }
        }
        return any;
    }

    private static Object at(Map<String, Object> m, List<String> path) {
        Object cur = m;
        for (String p : path) {
            if (!(cur instanceof Map<?, ?> map)) {
                return null;
            }
            cur = map.get(p);
        }
        return cur;
    }

    /** Writes inside one element of the iterated array (the event's live value). */
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> m, List<String> path, Object value) {
        Map<String, Object> cur = m;
        for (int i = 0; i < path.size() - 1; i++) {
            Object next = cur.get(path.get(i));
            if (!(next instanceof Map)) {
                next = new LinkedHashMap<String, Object>();
                cur.put(path.get(i), next);
            }
            cur = (Map<String, Object>) next;
        }
        cur.put(path.get(path.size() - 1), Values.normalize(value));
    }

    private static String bracketed(String field) {
        return field.startsWith("[") && field.endsWith("]") ? field : "[" + field + "]";
    }
}
