package io.logaggregate.filter;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import io.logaggregate.event.Values;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.PatternSyntaxException;

/**
 * Logstash's mutate filter. The operations run in logstash-filter-mutate's fixed order, whatever
 * the order in the file: coerce, rename, update, replace, convert, gsub, uppercase, capitalize,
 * lowercase, strip, split, join, merge, copy; then the common options. An operation that fails (a
 * value that does not convert, strip of a non-string element, ...) stops the filter and tags the
 * event with {@code tag_on_failure} ({@code _mutate_error}), as Logstash does.
 */
public final class MutateFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("mutate")
                    .hash("coerce", "field => default value, set when the field is null")
                    .hash("rename", "old field => new field")
                    .hash("update", "field => value, only if the field exists")
                    .hash("replace", "field => value, set whether or not it exists")
                    .hash("convert", "field => integer, float, string, boolean, *_eu")
                    .array("gsub", null, "[field, regex, replacement, ...]")
                    .array("uppercase", null, "fields to upper-case")
                    .array("capitalize", null, "fields to capitalize")
                    .array("lowercase", null, "fields to lower-case")
                    .array("strip", null, "fields to strip of surrounding whitespace")
                    .hash("split", "field => separator: the string becomes an array")
                    .hash("join", "field => separator: the array becomes a string")
                    .hash("merge", "destination => source field, appended")
                    .hash("copy", "source field => destination field")
                    .string("tag_on_failure", "_mutate_error", "tag when an operation fails");

    private final LinkedHashMap<String, String> coerce;
    private final LinkedHashMap<String, String> rename;
    private final LinkedHashMap<String, String> update;
    private final LinkedHashMap<String, String> replace;
    private final LinkedHashMap<String, String> convert;
    private final List<Gsub> gsub;
    private final List<String> uppercase;
    private final List<String> capitalize;
    private final List<String> lowercase;
    private final List<String> strip;
    private final LinkedHashMap<String, String> split;
    private final LinkedHashMap<String, String> join;
    private final LinkedHashMap<String, List<String>> merge;
    private final LinkedHashMap<String, String> copy;
    private final String tagOnFailure;
    private final CommonOptions common;

    /** One gsub triple; a needle with {@code %{}} is interpolated and compiled per event. */
    private static final class Gsub implements Serializable {
        private static final long serialVersionUID = 1L;
        final String field;
        final String needle;
        final String replacement;
        private transient RubyRegex compiled;

        Gsub(String field, String needle, String replacement) {
            this.field = field;
            this.needle = needle;
            this.replacement = replacement;
        }

        RubyRegex regex(Event e) {
            if (needle.contains("%{")) {
                return RubyRegex.compile(e.sprintf(needle));
            }
            RubyRegex r = compiled;
            if (r == null) {
                r = RubyRegex.compile(needle);
                compiled = r;
            }
            return r;
        }
    }

    /** An operation failed: the event gets tag_on_failure. */
    private static final class MutateError extends RuntimeException {
        MutateError(String message) {
            super(message, null, false, false);
        }
    }

    private MutateFilter(PluginSettings s) {
        coerce = s.stringHash("coerce");
        rename = s.stringHash("rename");
        update = s.stringHash("update");
        replace = s.stringHash("replace");
        convert = s.stringHash("convert");
        for (Map.Entry<String, String> e : convert.entrySet()) {
            if (!MutateConversions.TYPES.contains(e.getValue())) {
                throw s.error(
                        "convert",
                        "Invalid conversion type '"
                                + e.getValue()
                                + "', expected one of '"
                                + String.join(",", MutateConversions.TYPES)
                                + "'");
            }
        }
        gsub = readGsub(s);
        uppercase = s.getList("uppercase");
        capitalize = s.getList("capitalize");
        lowercase = s.getList("lowercase");
        strip = s.getList("strip");
        split = s.stringHash("split");
        join = s.stringHash("join");
        merge = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : s.getHash("merge").entrySet()) {
            List<String> added = new ArrayList<>();
            if (e.getValue() instanceof List<?> l) {
                l.forEach(o -> added.add(String.valueOf(o)));
            } else {
                added.add(String.valueOf(e.getValue()));
            }
            merge.put(e.getKey(), added);
        }
        copy = s.stringHash("copy");
        tagOnFailure = s.getString("tag_on_failure");
        common = CommonOptions.from(s);
    }

    public static MutateFilter create(PluginSettings settings, FilterContext ctx) {
        return new MutateFilter(settings);
    }

    private static List<Gsub> readGsub(PluginSettings s) {
        List<String> flat = s.getList("gsub");
        if (flat.size() % 3 != 0) {
            throw s.error(
                    "gsub",
                    "Invalid gsub configuration "
                            + flat.subList(flat.size() - flat.size() % 3, flat.size())
                            + ". gsub requires 3 non-nil elements per config entry");
        }
        List<Gsub> out = new ArrayList<>();
        for (int i = 0; i < flat.size(); i += 3) {
            Gsub g = new Gsub(flat.get(i), flat.get(i + 1), flat.get(i + 2));
            if (!g.needle.contains("%{")) {
                try {
                    RubyRegex.compile(g.needle);
                } catch (PatternSyntaxException e) {
                    throw new ConfigException(
                            "Invalid gsub regular expression '"
                                    + g.needle
                                    + "': "
                                    + e.getDescription(),
                            s.locationOf("gsub"));
                }
            }
            out.add(g);
        }
        return out;
    }

    // ---------------------------------------------------------------- run time

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        try {
            coerce(event);
            rename(event);
            update(event);
            replace(event);
            convert(event);
            gsub(event);
            caseChange(event, uppercase, s -> s.toUpperCase(Locale.ROOT));
            caseChange(event, capitalize, MutateFilter::capitalize);
            caseChange(event, lowercase, s -> s.toLowerCase(Locale.ROOT));
            strip(event);
            split(event);
            join(event);
            merge(event);
            copy(event);
            // as in mutate, filter_matched is inside the rescue: a bad add_field name tags too
            common.applyOrThrow(event);
        } catch (MutateError | IllegalArgumentException e) {
            event.tag(tagOnFailure);
        }
    }

    private static FieldRef ref(String field) {
        return FieldRef.parse(field);
    }

    private void coerce(Event e) {
        coerce.forEach(
                (field, dflt) -> {
                    FieldRef r = ref(field);
                    if (e.includes(r) && e.get(r) == null) {
                        e.set(r, e.sprintf(dflt));
                    }
                });
    }

    private void rename(Event e) {
        rename.forEach(
                (from, to) -> {
                    FieldRef old = ref(e.sprintf(from));
                    if (e.includes(old)) {
                        Object v = e.remove(old);
                        e.set(ref(e.sprintf(to)), v);
                    }
                });
    }

    private void update(Event e) {
        update.forEach(
                (field, value) -> {
                    FieldRef r = ref(field);
                    if (e.includes(r)) {
                        e.set(r, e.sprintf(value));
                    }
                });
    }

    private void replace(Event e) {
        replace.forEach((field, value) -> e.set(ref(field), e.sprintf(value)));
    }

    private void convert(Event e) {
        convert.forEach(
                (field, type) -> {
                    FieldRef r = ref(field);
                    if (!e.includes(r)) {
                        return;
                    }
                    Object v = e.get(r);
                    if (v == null || v instanceof Map) {
                        return; // Logstash skips nil and hashes
                    }
                    try {
                        if (v instanceof List<?> l) {
                            List<Object> out = new ArrayList<>(l.size());
                            for (Object o : l) {
                                out.add(o == null ? null : MutateConversions.convert(type, o));
                            }
                            e.set(r, out);
                        } else {
                            e.set(r, MutateConversions.convert(type, v));
                        }
                    } catch (IllegalArgumentException | ArithmeticException bad) {
                        throw new MutateError(bad.getMessage());
                    }
                });
    }

    private void gsub(Event e) {
        for (Gsub g : gsub) {
            FieldRef r = ref(g.field);
            Object v = e.get(r);
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    out.add(o instanceof String s ? substitute(g, s, e) : o);
                }
                e.set(r, out);
            } else if (v instanceof String s) {
                e.set(r, substitute(g, s, e));
            }
        }
    }

    private static String substitute(Gsub g, String s, Event e) {
        RubyRegex regex;
        try {
            regex = g.regex(e);
        } catch (PatternSyntaxException bad) {
            throw new MutateError(bad.getMessage());
        }
        return rubyGsub(regex, s, e.sprintf(g.replacement));
    }

    /**
     * Ruby's {@code String#gsub(regex, replacement)}: in the replacement, {@code \0} / {@code \&}
     * is the match, {@code \1}..{@code \9} a group, {@code \k<name>} a named group, {@code \\} a
     * backslash; {@code $} is literal (unlike Java's replaceAll).
     */
    static String rubyGsub(RubyRegex regex, String s, String replacement) {
        Matcher m = regex.pattern().matcher(s);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (m.find()) {
            out.append(s, last, m.start());
            appendReplacement(out, m, regex, replacement, s);
            last = m.end();
        }
        out.append(s, last, s.length());
        return out.toString();
    }

    private static void appendReplacement(
            StringBuilder out, Matcher m, RubyRegex regex, String rep, String subject) {
        for (int i = 0; i < rep.length(); i++) {
            char c = rep.charAt(i);
            if (c != '\\' || i + 1 >= rep.length()) {
                out.append(c);
                continue;
            }
            char n = rep.charAt(i + 1);
            if (n >= '0' && n <= '9') {
                int g = n - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    out.append(m.group(g));
                }
                i++;
            } else if (n == '&') {
                out.append(m.group());
                i++;
            } else if (n == '`') {
                out.append(subject, 0, m.start());
                i++;
            } else if (n == '\'') {
                out.append(subject, m.end(), subject.length());
                i++;
            } else if (n == '\\') {
                out.append('\\');
                i++;
            } else if (n == 'k'
                    && i + 2 < rep.length()
                    && rep.charAt(i + 2) == '<'
                    && rep.indexOf('>', i + 3) > 0) {
                int close = rep.indexOf('>', i + 3);
                String group = regex.javaGroup(rep.substring(i + 3, close));
                if (group != null && m.group(group) != null) {
                    out.append(m.group(group));
                }
                i = close;
            } else {
                out.append(c);
            }
        }
    }

    private interface StringOp {
        String apply(String s);
    }

    private static void caseChange(Event e, List<String> fields, StringOp op) {
        for (String field : fields) {
            FieldRef r = ref(field);
            Object v = e.get(r);
            if (v == null) {
                continue;
            }
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    out.add(o instanceof String s ? op.apply(s) : o);
                }
                e.set(r, out);
            } else if (v instanceof String s) {
                e.set(r, op.apply(s));
            }
        }
    }

    /** Ruby's {@code capitalize}: first character upper case, the rest lower case. */
    static String capitalize(String s) {
        if (s.isEmpty()) {
            return s;
        }
        int first = s.offsetByCodePoints(0, 1);
        return s.substring(0, first).toUpperCase(Locale.ROOT)
                + s.substring(first).toLowerCase(Locale.ROOT);
    }

    private void strip(Event e) {
        for (String field : strip) {
            FieldRef r = ref(field);
            Object v = e.get(r);
            if (v instanceof List<?> l) {
                List<Object> out = new ArrayList<>(l.size());
                for (Object o : l) {
                    if (!(o instanceof String s)) {
                        // Ruby: undefined method `strip' for a non-string element
                        throw new MutateError("cannot strip " + LogstashValues.inspect(o));
                    }
                    out.add(MutateConversions.rubyStrip(s));
                }
                e.set(r, out);
            } else if (v instanceof String s) {
                e.set(r, MutateConversions.rubyStrip(s));
            }
        }
    }

    private void split(Event e) {
        split.forEach(
                (field, separator) -> {
                    FieldRef r = ref(field);
                    if (e.get(r) instanceof String s) {
                        e.set(r, rubySplit(s, separator));
                    }
                });
    }

    /**
     * Ruby's {@code String#split(string)}: a single space splits on runs of whitespace and ignores
     * leading whitespace; otherwise a literal split; trailing empty strings dropped.
     */
    static List<Object> rubySplit(String s, String separator) {
        List<Object> out = new ArrayList<>();
        if (separator.equals(" ")) {
            for (String part : MutateConversions.rubyStrip(s).split("[ \\t\\n\\u000B\\f\\r]+")) {
                if (!part.isEmpty()) {
                    out.add(part);
                }
            }
            return out;
        }
        if (separator.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int start = 0;
        int i;
        while ((i = s.indexOf(separator, start)) >= 0) {
            out.add(s.substring(start, i));
            start = i + separator.length();
        }
        out.add(s.substring(start));
        while (!out.isEmpty() && "".equals(out.get(out.size() - 1))) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private void join(Event e) {
        join.forEach(
                (field, separator) -> {
                    FieldRef r = ref(field);
                    if (e.get(r) instanceof List<?> l) {
                        e.set(r, rubyJoin(l, separator));
                    }
                });
    }

    private static String rubyJoin(List<?> l, String separator) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) {
                sb.append(separator);
            }
            Object o = l.get(i);
            sb.append(
                    o instanceof List<?> inner
                            ? rubyJoin(inner, separator)
                            : LogstashValues.rubyToS(o));
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private void merge(Event e) {
        merge.forEach(
                (dest, addedFields) -> {
                    FieldRef d = ref(dest);
                    // Logstash reads the destination once; an array destination grows in place
                    Object destValue = e.get(d);
                    for (String added : addedFields) {
                        Object addedValue = e.get(ref(added));
                        boolean destHash = destValue instanceof Map;
                        if (destHash != addedValue instanceof Map) {
                            continue; // cannot merge a hash with a non-hash
                        }
                        if (destHash) {
                            Map<String, Object> merged = (Map<String, Object>) destValue;
                            merged.putAll((Map<String, Object>) Values.deepCopy(addedValue));
                            e.set(d, merged);
                            destValue = e.get(d);
                        } else {
                            List<Object> base;
                            if (destValue instanceof List<?> l) {
                                base = (List<Object>) l;
                            } else {
                                base = CommonOptions.toArray(destValue);
                            }
                            base.addAll(CommonOptions.toArray(addedValue));
                            e.set(d, base);
                            if (destValue instanceof List) {
                                destValue = e.get(d);
                            }
                        }
                    }
                });
    }

    private void copy(Event e) {
        copy.forEach(
                (from, to) -> {
                    Object v = e.get(ref(from));
                    if (v != null) {
                        e.set(ref(to), Values.deepCopy(v));
                    }
                });
    }
}
