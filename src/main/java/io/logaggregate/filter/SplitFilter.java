package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash's split filter: one event per line of a string field (split at {@code terminator}) or
 * per element of an array field. The pieces are copies of the event with the piece in {@code
 * target} (default: the field itself) and the common options applied; they go on after this filter
 * and the original is dropped. Empty and null pieces make no event; a string without the terminator
 * is left alone; a field that is neither string nor array is tagged {@code _split_type_failure}.
 */
public final class SplitFilter implements Filter {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SplitFilter.class);
    static final String PARSE_FAILURE_TAG = "_split_type_failure";

    static final PluginSpec SPEC =
            PluginSpec.filter("split")
                    .string("field", "message", "the string or array field to split")
                    .string("target", null, "where each piece goes (default: field)")
                    .string("terminator", "\n", "the string that separates pieces of a string");

    private final String field;
    private final String target;
    private final String terminator;
    private final CommonOptions common;

    private SplitFilter(PluginSettings s) {
        this.field = s.getString("field");
        this.target = s.getString("target");
        this.terminator = s.getString("terminator");
        for (String name : new String[] {"field", "target"}) {
            String v = s.getString(name);
            if (v != null) {
                try {
                    FieldRef.parse(v);
                } catch (IllegalArgumentException e) {
                    throw s.error(name, "Invalid field reference for `" + name + "`: `" + v + "`");
                }
            }
        }
        this.common = CommonOptions.from(s);
    }

    public static SplitFilter create(PluginSettings settings, FilterContext ctx) {
        return new SplitFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        Object original = event.get(field);
        List<?> splits;
        if (original instanceof List<?> l) {
            splits = target == null ? (List<?>) event.remove(field) : l;
        } else if (original instanceof String s) {
            splits = rubySplit(s, terminator);
            if (splits.size() == 1) {
                return;
            }
        } else {
            LOG.warn(
                    "Only String and Array types are splittable. field:{} is of type = {}",
                    field,
                    original == null ? "NilClass" : original.getClass().getSimpleName());
            event.tag(PARSE_FAILURE_TAG);
            return;
        }
        String to = target == null ? field : target;
        for (Object value : splits) {
            if (value == null || (value instanceof String str && str.isEmpty())) {
                continue;
            }
            Event piece = event.copy();
            piece.set(to, value);
            common.apply(piece);
            emit.accept(piece);
        }
        event.cancel();
    }

    /**
     * Ruby's {@code String#split(terminator, -1)}: trailing empty pieces kept; a single space
     * splits at runs of whitespace with leading whitespace ignored (awk style); an empty terminator
     * splits into characters.
     */
    static List<String> rubySplit(String s, String terminator) {
        List<String> out = new ArrayList<>();
        if (terminator.equals(" ")) {
            int i = 0;
            int n = s.length();
            while (i < n && isRubySpace(s.charAt(i))) {
                i++;
            }
            if (i == n) {
                return out;
            }
            int start = i;
            while (i < n) {
                if (isRubySpace(s.charAt(i))) {
                    out.add(s.substring(start, i));
                    while (i < n && isRubySpace(s.charAt(i))) {
                        i++;
                    }
                    start = i;
                } else {
                    i++;
                }
            }
            out.add(s.substring(start));
            return out;
        }
        if (s.isEmpty()) {
            return out;
        }
        if (terminator.isEmpty()) {
            s.codePoints().forEach(cp -> out.add(new String(Character.toChars(cp))));
            return out;
        }
        int from = 0;
        int at;
        while ((at = s.indexOf(terminator, from)) >= 0) {
            out.add(s.substring(from, at));
            from = at + terminator.length();
        }
        out.add(s.substring(from));
        return out;
    }

    private static boolean isRubySpace(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\u000b'
                || c == '\f'
                || c == '\r'
                || c == '\0';
    }
}
