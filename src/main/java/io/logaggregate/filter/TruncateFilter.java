package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logstash's truncate filter: cuts strings to at most {@code length_bytes} UTF-8 bytes, never in
 * the middle of a character. It walks the listed {@code fields} (every top-level field when none is
 * listed): a string is cut, the strings directly in an array are cut, a hash is walked. The common
 * options apply only when something was cut, as in the plugin.
 */
public final class TruncateFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("truncate")
                    .array("fields", null, "the fields to truncate; all top-level fields if unset")
                    .option(
                            "length_bytes",
                            PluginSpec.Kind.NUMBER,
                            null,
                            true,
                            "the most UTF-8 bytes a string keeps");

    private final List<String> fields;
    private final long lengthBytes;
    private final CommonOptions common;

    private TruncateFilter(PluginSettings s) {
        fields = s.getList("fields");
        for (String f : fields) {
            FilterFields.check(s, "fields", f);
        }
        lengthBytes = s.getLong("length_bytes");
        if (lengthBytes < 0) {
            throw s.invalid("length_bytes", "must not be negative");
        }
        common = CommonOptions.from(s);
    }

    public static TruncateFilter create(PluginSettings settings, FilterContext ctx) {
        return new TruncateFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        boolean truncated = false;
        if (fields.isEmpty()) {
            for (String key : new ArrayList<>(event.data().keySet())) {
                try {
                    truncated |= truncate(event, List.of(key));
                } catch (IllegalArgumentException notAFieldName) {
                    // a key with brackets cannot be addressed; Logstash fails on it too
                }
            }
        } else {
            for (String f : fields) {
                FieldRef ref;
                try {
                    ref = FieldRef.parse(f);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                try {
                    truncated |= truncate(event, ref.path(), ref);
                } catch (IllegalArgumentException notAFieldName) {
                    // a nested key with brackets cannot be addressed
                }
            }
        }
        if (truncated) {
            common.apply(event);
        }
    }

    private boolean truncate(Event event, List<String> path) {
        return truncate(event, path, null);
    }

    /** Truncates the value at {@code path} (or {@code ref} for metadata); true if it changed. */
    @SuppressWarnings("unchecked")
    private boolean truncate(Event event, List<String> path, FieldRef ref) {
        FieldRef r = ref != null ? ref : refOf(path);
        Object value = event.get(r);
        if (value instanceof String s) {
            String t = trim(s, lengthBytes);
            if (!t.equals(s)) {
                event.set(r, t);
                return true;
            }
            return false;
        }
        if (value instanceof List<?> l) {
            boolean changed = false;
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                if (o instanceof String s) {
                    String t = trim(s, lengthBytes);
                    changed |= !t.equals(s);
                    out.add(t);
                } else {
                    out.add(o);
                }
            }
            if (changed) {
                event.set(r, out);
            }
            return changed;
        }
        if (value instanceof Map<?, ?> m) {
            boolean changed = false;
            for (String key : new ArrayList<>(((Map<String, Object>) m).keySet())) {
                List<String> p = new ArrayList<>(r.path());
                p.add(key);
                changed |= truncate(event, p, r.isMetadata() ? metadataRef(p) : null);
            }
            return changed;
        }
        return false;
    }

    private static FieldRef refOf(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String p : path) {
            sb.append('[').append(p).append(']');
        }
        return FieldRef.parse(sb.toString());
    }

    private static FieldRef metadataRef(List<String> path) {
        List<String> p = new ArrayList<>();
        p.add("@metadata");
        p.addAll(path);
        return refOf(p);
    }

    /** The longest prefix of {@code s} of at most {@code length} UTF-8 bytes. */
    static String trim(String s, long length) {
        if (length == 0) {
            return "";
        }
        if (s.length() * 3L <= length) {
            return s;
        }
        long bytes = 0;
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > length) {
                return s.substring(0, i);
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return s;
    }
}
