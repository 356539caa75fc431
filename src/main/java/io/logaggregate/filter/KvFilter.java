package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's kv filter: finds {@code key=value} pairs in a field.
 *
 * <p>It is built as logstash-filter-kv builds it: one scanning regex made of a key part, the value
 * separator, a value part (double-quoted, single-quoted, bracketed when {@code include_brackets},
 * or bare) and a field separator or the end of the line. The separators are Ruby character classes
 * ({@code field_split}, {@code value_split}) or Ruby regexes ({@code field_split_pattern}, {@code
 * value_split_pattern}), translated by {@link RubyRegex}. A backslash escapes the next character in
 * bare keys and values ({@code IKE\ IDs}). The regex is checked when the pipeline starts and
 * compiled again on each TaskManager.
 *
 * <p>Outcome, as in Logstash: no pairs (and no {@code default_keys}) leaves the event untouched;
 * otherwise the pairs are set (each key read as a field reference, or all under {@code target}) and
 * the common options apply. A runaway match past {@code timeout_millis} tags {@code
 * tag_on_timeout}; any other failure (e.g. a key that is no valid field reference) tags {@code
 * tag_on_failure}.
 */
public final class KvFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(KvFilter.class);

    private static final String[] TRANSFORMS = {"lowercase", "uppercase", "capitalize"};

    static final PluginSpec SPEC =
            PluginSpec.filter("kv")
                    .string("source", "message", "the field to parse (string or array of strings)")
                    .string(
                            "target",
                            null,
                            "put the pairs in this field as a hash; by default each key is a"
                                    + " field of the event")
                    .string("field_split", " ", "characters that separate pairs")
                    .string(
                            "field_split_pattern",
                            null,
                            "a regex separating pairs (instead of field_split)")
                    .string("value_split", "=", "characters that separate key from value")
                    .string(
                            "value_split_pattern",
                            null,
                            "a regex separating key from value (instead of value_split)")
                    .string("prefix", "", "prepended to every key (%{} allowed)")
                    .array("include_keys", null, "keep only these keys (%{} allowed)")
                    .array("exclude_keys", null, "drop these keys (%{} allowed)")
                    .hash("default_keys", "fields set when the pairs do not have them")
                    .bool(
                            "allow_duplicate_values",
                            true,
                            "keep a pair whose key and value were already seen")
                    .bool("allow_empty_values", false, "keep keys with an empty value")
                    .bool(
                            "include_brackets",
                            true,
                            "values in (), [] and <> are one value, brackets removed")
                    .bool("recursive", false, "parse values that hold pairs themselves")
                    .oneOf(
                            "whitespace",
                            "lenient",
                            "lenient: spaces around the value separator are allowed",
                            "lenient",
                            "strict")
                    .string("trim_value", null, "characters removed at both ends of values")
                    .string("trim_key", null, "characters removed at both ends of keys")
                    .string("remove_char_value", null, "characters removed from values")
                    .string("remove_char_key", null, "characters removed from keys")
                    .oneOf("transform_value", null, "change the case of values", TRANSFORMS)
                    .oneOf("transform_key", null, "change the case of keys", TRANSFORMS)
                    .number(
                            "timeout_millis",
                            30000,
                            "give up parsing one event after this (0: never)")
                    .string("tag_on_timeout", "_kv_filter_timeout", "tag when parsing timed out")
                    .array(
                            "tag_on_failure",
                            List.of("_kv_filter_error"),
                            "tags when parsing failed")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "as in Logstash, only whether a missing target is warned about",
                            "disabled",
                            "v1",
                            "v8");

    private final String source;
    private final String target;
    private final String scanRegex;
    private final String valueSplitRegex;
    private final String trimValue;
    private final String trimKey;
    private final String removeCharValue;
    private final String removeCharKey;
    private final String transformValue;
    private final String transformKey;
    private final String prefix;
    private final List<String> includeKeys;
    private final List<String> excludeKeys;
    private final LinkedHashMap<String, Object> defaultKeys;
    private final boolean allowDuplicateValues;
    private final boolean allowEmptyValues;
    private final boolean recursive;
    private final long timeoutMillis;
    private final String tagOnTimeout;
    private final List<String> tagOnFailure;
    private final CommonOptions common;

    private transient Pattern scan;
    private transient Pattern valueSplit;
    private transient Pattern trimValueRe;
    private transient Pattern trimKeyRe;
    private transient Pattern removeCharValueRe;
    private transient Pattern removeCharKeyRe;

    private KvFilter(PluginSettings s) {
        this.source = fieldRef(s, "source").toString();
        this.target = s.getString("target");
        if (target != null) {
            fieldRef(s, "target");
        } else if (!"disabled".equals(s.getString("ecs_compatibility"))) {
            LOG.info(
                    "kv filter at {}: ECS compatibility is enabled but `target` option was not"
                            + " specified. This may cause fields to be set at the top-level of"
                            + " the event where they are likely to clash with the Elastic Common"
                            + " Schema.",
                    s.plugin().location());
        }
        String fieldSplit = s.getString("field_split");
        String valueSplitChars = s.getString("value_split");
        if (valueSplitChars.isEmpty()) {
            throw s.error(
                    "value_split", "Configuration option 'value_split' must be a non-empty string");
        }
        String fsp = s.getString("field_split_pattern");
        String vsp = s.getString("value_split_pattern");
        if (fsp != null && fsp.isEmpty()) {
            throw s.error(
                    "field_split_pattern",
                    "Configuration option 'field_split_pattern' must be a non-empty string");
        }
        if (vsp != null && vsp.isEmpty()) {
            throw s.error(
                    "value_split_pattern",
                    "Configuration option 'value_split_pattern' must be a non-empty string");
        }
        for (String name : List.of("field_split_pattern", "value_split_pattern")) {
            String re = s.getString(name);
            String problem = re == null ? null : RubyRegex.problem(re);
            if (problem != null) {
                throw s.error(name, "kv: invalid regex in " + name + ": " + problem);
            }
        }
        String fieldSplitRe = fsp != null ? fsp : "[" + fieldSplit + "]";
        String valueSplitRe = vsp != null ? vsp : "[" + valueSplitChars + "]";
        if ("lenient".equals(s.getString("whitespace"))) {
            valueSplitRe = "(?: *)" + group(valueSplitRe) + "(?: *)";
        }
        boolean patterns = fsp != null || vsp != null;
        String key =
                patterns
                        ? untilPattern(valueSplitRe, fieldSplitRe)
                        : untilCharClass(valueSplitChars + fieldSplit);
        List<String> values = new ArrayList<>();
        values.add(quoted("\"", "\""));
        values.add(quoted("'", "'"));
        if (s.getBool("include_brackets")) {
            values.add(quoted("(", ")"));
            values.add(quoted("[", "]"));
            values.add(quoted("<", ">"));
        }
        values.add(fsp != null ? untilPattern(fieldSplitRe) : untilCharClass(fieldSplit));
        this.scanRegex =
                group(key)
                        + group(valueSplitRe)
                        + group(union(values))
                        + "?"
                        + group(union(List.of(fieldSplitRe, "$")));
        this.valueSplitRegex = valueSplitRe;
        this.trimValue = s.getString("trim_value");
        this.trimKey = s.getString("trim_key");
        this.removeCharValue = s.getString("remove_char_value");
        this.removeCharKey = s.getString("remove_char_key");
        this.transformValue = s.getString("transform_value");
        this.transformKey = s.getString("transform_key");
        this.prefix = s.getString("prefix");
        this.includeKeys = s.getList("include_keys");
        this.excludeKeys = s.getList("exclude_keys");
        this.defaultKeys = new LinkedHashMap<>();
        s.getHash("default_keys").forEach((k, v) -> defaultKeys.put(k, Values.normalize(v)));
        this.allowDuplicateValues = s.getBool("allow_duplicate_values");
        this.allowEmptyValues = s.getBool("allow_empty_values");
        this.recursive = s.getBool("recursive");
        this.timeoutMillis = s.getLong("timeout_millis");
        this.tagOnTimeout = s.getString("tag_on_timeout");
        this.tagOnFailure = s.getList("tag_on_failure");
        this.common = CommonOptions.from(s);
        try {
            open();
        } catch (PatternSyntaxException e) {
            // e.g. a character class broken by the field_split or trim characters
            throw s.error(
                    fsp != null || vsp != null ? "field_split" : "value_split",
                    "kv: the separators make an invalid regex: " + e.getDescription());
        }
    }

    public static KvFilter create(PluginSettings settings, FilterContext ctx) {
        return new KvFilter(settings);
    }

    private static FieldRef fieldRef(PluginSettings s, String name) {
        String v = s.getString(name);
        try {
            return FieldRef.parse(v);
        } catch (IllegalArgumentException e) {
            throw s.error(name, "Invalid field reference for `" + name + "`: `" + v + "`");
        }
    }

    // ------------------------------------------------------------ the regex, as Logstash builds it

    private static String group(String re) {
        return "(?:" + re + ")";
    }

    private static String union(List<String> res) {
        StringBuilder sb = new StringBuilder();
        for (String r : res) {
            if (sb.length() > 0) {
                sb.append('|');
            }
            sb.append(group(r));
        }
        return sb.toString();
    }

    /** A capture of escaped characters or anything but the class's characters. */
    private static String untilCharClass(String chars) {
        return "((?:\\\\.|[^" + chars + "])+)";
    }

    /** A capture of escaped characters or anything up to where one of the patterns matches. */
    private static String untilPattern(String... res) {
        String stop = res.length > 1 ? union(List.of(res)) : res[0];
        return "((?:(?!" + stop + ")(?:\\\\.|.))+)";
    }

    /** A value between quotes (the quotes not captured; an empty quoted value captures nothing). */
    private static String quoted(String open, String close) {
        String c = rubyQuote(close);
        return group(rubyQuote(open)) + untilCharClass(c) + "?" + group(c);
    }

    /** Ruby's {@code Regexp.quote} for the one-character quotes used here. */
    private static String rubyQuote(String ch) {
        return "()[]".contains(ch) ? "\\" + ch : ch;
    }

    @Override
    public void open() {
        scan = RubyRegex.compile(scanRegex).pattern();
        valueSplit = RubyRegex.compile(valueSplitRegex).pattern();
        trimValueRe = trimValue == null ? null : trimRegex(trimValue);
        trimKeyRe = trimKey == null ? null : trimRegex(trimKey);
        removeCharValueRe =
                removeCharValue == null
                        ? null
                        : RubyRegex.compile("[" + removeCharValue + "]").pattern();
        removeCharKeyRe =
                removeCharKey == null
                        ? null
                        : RubyRegex.compile("[" + removeCharKey + "]").pattern();
    }

    private static Pattern trimRegex(String chars) {
        return RubyRegex.compile("^[" + chars + "]+|[" + chars + "]+$").pattern();
    }

    // ---------------------------------------------------------------- filtering

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        Object value = event.get(source);
        try {
            long deadline = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
            LinkedHashMap<String, Object> kv = new LinkedHashMap<>();
            if (value instanceof String text) {
                parse(text, event, kv, deadline);
            } else if (value instanceof List<?> l) {
                for (Object o : l) {
                    if (o instanceof String text) {
                        parse(text, event, kv, deadline);
                    }
                }
            }
            LinkedHashMap<String, Object> all = new LinkedHashMap<>(defaultKeys);
            all.putAll(kv);
            if (all.isEmpty()) {
                return;
            }
            if (target != null) {
                event.set(target, all);
            } else {
                for (Map.Entry<String, Object> e : all.entrySet()) {
                    event.set(e.getKey(), e.getValue());
                }
            }
            common.apply(event);
        } catch (DeadlineCharSequence.Timeout timeout) {
            LOG.warn("Timeout reached in KV filter with value {}", summarize(value));
            event.tag(tagOnTimeout);
        } catch (RuntimeException ex) {
            LOG.warn("Exception while parsing KV: {}", ex.getMessage());
            for (String t : tagOnFailure) {
                event.tag(t);
            }
        }
    }

    private static String summarize(Object value) {
        String s = String.valueOf(value);
        return s.length() < 255 ? s : s.substring(0, 255) + "[...]";
    }

    private CharSequence text(String s, long deadline) {
        return deadline == 0 ? s : new DeadlineCharSequence(s, deadline);
    }

    @SuppressWarnings("unchecked")
    private void parse(String text, Event event, Map<String, Object> kv, long deadline) {
        if (!valueSplit.matcher(text(text, deadline)).find()) {
            return;
        }
        List<String> include = sprintfAll(includeKeys, event);
        List<String> exclude = sprintfAll(excludeKeys, event);
        Matcher m = scan.matcher(text(text, deadline));
        while (m.find()) {
            String key = m.group(1);
            String value = "";
            for (int g = 2; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    value = m.group(g);
                    break;
                }
            }
            if (value.isEmpty() && !allowEmptyValues) {
                continue;
            }
            if (trimKeyRe != null) {
                key = trimKeyRe.matcher(key).replaceAll("");
            }
            if (removeCharKeyRe != null) {
                key = removeCharKeyRe.matcher(key).replaceAll("");
            }
            if (transformKey != null) {
                key = transform(key, transformKey);
            }
            if (!include.isEmpty() && !include.contains(key)) {
                continue;
            }
            if (exclude.contains(key)) {
                continue;
            }
            key = event.sprintf(prefix) + key;
            if (trimValueRe != null) {
                value = trimValueRe.matcher(value).replaceAll("");
            }
            if (removeCharValueRe != null) {
                value = removeCharValueRe.matcher(value).replaceAll("");
            }
            if (transformValue != null) {
                value = transform(value, transformValue);
            }
            Object existing = kv.get(key);
            if (!allowDuplicateValues && existing != null && includes(existing, value)) {
                continue;
            }
            Object v = value;
            if (recursive) {
                Map<String, Object> inner = new LinkedHashMap<>();
                parse(value, event, inner, deadline);
                if (!inner.isEmpty()) {
                    v = inner;
                }
            }
            if (existing instanceof List<?> l) {
                ((List<Object>) l).add(v);
            } else if (kv.containsKey(key)) {
                List<Object> both = new ArrayList<>();
                both.add(existing);
                both.add(v);
                kv.put(key, both);
            } else {
                kv.put(key, v);
            }
        }
    }

    /**
     * Ruby's {@code include?} on what is there: substring of a string, member of an array, key of a
     * hash.
     */
    private static boolean includes(Object existing, String value) {
        if (existing instanceof String s) {
            return s.contains(value);
        }
        if (existing instanceof List<?> l) {
            return l.contains(value);
        }
        if (existing instanceof Map<?, ?> m) {
            return m.containsKey(value);
        }
        return false;
    }

    private static List<String> sprintfAll(List<String> templates, Event event) {
        if (templates.isEmpty()) {
            return templates;
        }
        List<String> out = new ArrayList<>(templates.size());
        for (String t : templates) {
            out.add(event.sprintf(t));
        }
        return out;
    }

    /** Ruby's downcase, upcase and capitalize (first character up, the rest down). */
    static String transform(String text, String how) {
        return switch (how) {
            case "lowercase" -> text.toLowerCase(Locale.ROOT);
            case "uppercase" -> text.toUpperCase(Locale.ROOT);
            default ->
                    text.isEmpty()
                            ? text
                            : text.substring(0, text.offsetByCodePoints(0, 1))
                                            .toUpperCase(Locale.ROOT)
                                    + text.substring(text.offsetByCodePoints(0, 1))
                                            .toLowerCase(Locale.ROOT);
        };
    }
}
