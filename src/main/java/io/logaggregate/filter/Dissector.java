package io.logaggregate.filter;

import io.logaggregate.event.Event;
import io.logaggregate.event.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One dissect mapping, e.g. {@code %{ts} %{+ts} %{host} %{}[%{pid}]: %{msg}}, cut into fields and
 * the delimiters between them. It follows logstash-filter-dissect's Dissector exactly (delimiters
 * found left to right on the UTF-8 bytes, first occurrence wins, a {@code ->} field skips repeated
 * delimiters, the last field takes the rest), including its quirks, so that a mapping gives the
 * same fields as in Logstash.
 *
 * <p>Field kinds: normal {@code %{a}}; skip {@code %{}} / {@code %{?a}}; append {@code %{+a}} (in
 * order, or by {@code /n}), joined with the delimiter before it; indirect {@code %{&a}} (named by
 * the value of field {@code a}).
 */
final class Dissector {
    /** A mistake in a mapping, reported when the pipeline starts. */
    static final class FormatError extends RuntimeException {
        FormatError(String message) {
            super(message);
        }
    }

    private static final Pattern DELIMITER_FIELD =
            Pattern.compile("(.*?)%\\{([^}]*?)}", Pattern.DOTALL);
    private static final Pattern FINAL_DELIMITER = Pattern.compile("[^}]+$");
    private static final Pattern SUFFIX =
            Pattern.compile("(.+?)(/\\d{1,2}|->|/\\d{1,2}->|->/\\d{1,2})?$");
    private static final Pattern SUFFIX_ONLY =
            Pattern.compile("^(/\\d{1,2}|->|/\\d{1,2}->|->/\\d{1,2})?$");
    private static final Pattern ORDINAL = Pattern.compile("\\d+");

    private enum Kind {
        SKIP,
        NORMAL,
        APPEND,
        INDIRECT
    }

    /** Text between fields; shared by the field before (next) and after (previous) it. */
    private static final class Delimiter {
        final String text;
        final byte[] bytes;
        boolean greedy;

        Delimiter(String text) {
            this.text = text;
            this.bytes = text.getBytes(StandardCharsets.UTF_8);
        }

        int size() {
            return bytes.length;
        }

        /** The first occurrence at or after {@code from}; an empty delimiter is never found. */
        int indexOf(byte[] hay, int from) {
            if (bytes.length == 0) {
                return -1;
            }
            outer:
            for (int i = Math.max(from, 0); i <= hay.length - bytes.length; i++) {
                for (int k = 0; k < bytes.length; k++) {
                    if (hay[i + k] != bytes[k]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    private record Field(
            int id, Kind kind, String name, int ordinal, Delimiter previous, Delimiter next) {
        /** What an append field puts between the old and the new value. */
        String joinString() {
            return previous == null || previous.size() == 0 ? " " : previous.text;
        }
    }

    private final String mapping;
    private final List<Field> fields = new ArrayList<>();
    private final List<Field> saveable = new ArrayList<>();
    private int offsetOfFirstField;

    Dissector(String mapping) {
        this.mapping = mapping;
        if (mapping.isEmpty()) {
            throw new FormatError("The mapping string cannot be empty");
        }
        List<String> names = new ArrayList<>();
        List<Delimiter> previous = new ArrayList<>();
        List<Delimiter> next = new ArrayList<>();
        Matcher m = DELIMITER_FIELD.matcher(mapping);
        while (m.find()) {
            Delimiter d = new Delimiter(m.group(1));
            if (names.isEmpty()) {
                offsetOfFirstField = d.size();
            } else {
                next.set(names.size() - 1, d);
            }
            names.add(m.group(2));
            previous.add(d);
            next.add(null);
        }
        Matcher end = FINAL_DELIMITER.matcher(mapping);
        if (end.find()) {
            if (names.isEmpty()) {
                throw new FormatError("The mapping has no %{field}: " + mapping);
            }
            Delimiter d = new Delimiter(end.group());
            next.set(names.size() - 1, d);
            names.add("?auto_added_skip");
            previous.add(d);
            next.add(null);
        }
        for (int i = 0; i < names.size(); i++) {
            Field f = field(i, names.get(i), previous.get(i), next.get(i));
            fields.add(f);
            if (f.kind() != Kind.SKIP) {
                saveable.add(f);
            }
        }
        // normal fields first, then appends (by their /n), then indirect ones (stable sort)
        saveable.sort(Comparator.comparingInt(Field::ordinal));
    }

    private static Field field(int id, String spec, Delimiter previous, Delimiter next) {
        Kind kind;
        String rest;
        if (spec.isEmpty() || spec.charAt(0) == '?') {
            kind = Kind.SKIP;
            rest = spec.isEmpty() ? spec : spec.substring(1);
        } else if (spec.startsWith("+&") || spec.startsWith("&+")) {
            throw new FormatError(
                    "Field cannot prefix with both Append and Indirect Prefix ("
                            + spec.substring(0, 2)
                            + "): "
                            + spec);
        } else if (spec.charAt(0) == '+' || spec.charAt(0) == '&') {
            kind = spec.charAt(0) == '+' ? Kind.APPEND : Kind.INDIRECT;
            rest = spec.substring(1);
            if (rest.isEmpty()) {
                throw new FormatError("Field cannot be a prefix on its own without further text");
            }
        } else {
            kind = Kind.NORMAL;
            rest = spec;
        }
        String name = rest;
        String suffix = "";
        if (SUFFIX_ONLY.matcher(rest).matches()) {
            name = "";
            suffix = rest;
        } else {
            Matcher m = SUFFIX.matcher(rest);
            if (m.matches()) {
                name = m.group(1);
                suffix = m.group(2) == null ? "" : m.group(2);
            }
        }
        if ((kind == Kind.APPEND || kind == Kind.INDIRECT) && name.isEmpty()) {
            throw new FormatError("Field cannot be a prefix and a suffix without a name section");
        }
        int ordinal =
                switch (kind) {
                    case SKIP -> 0;
                    case NORMAL -> 1;
                    case INDIRECT -> 1000;
                    case APPEND -> {
                        Matcher o = ORDINAL.matcher(suffix);
                        yield 100 + (o.find() ? Integer.parseInt(o.group()) : 0);
                    }
                };
        if (next != null) {
            next.greedy = suffix.contains("->");
        }
        return new Field(id, kind, name, ordinal, previous, next);
    }

    String mapping() {
        return mapping;
    }

    /**
     * Dissects {@code source} into the event. Returns false, leaving the event as it was, when a
     * delimiter is not found.
     */
    boolean dissect(String source, Event event) {
        byte[] bytes = source.getBytes(StandardCharsets.UTF_8);
        if (fields.isEmpty() || bytes.length == 0) {
            return false;
        }
        int[] start = new int[fields.size()];
        int[] length = new int[fields.size()];
        if (!cut(bytes, start, length)) {
            return false;
        }
        for (Field f : saveable) {
            String value = new String(bytes, start[f.id()], length[f.id()], StandardCharsets.UTF_8);
            switch (f.kind()) {
                case NORMAL -> event.set(f.name(), value);
                case APPEND -> {
                    if (event.includes(f.name())) {
                        Object old = event.get(f.name());
                        event.set(f.name(), Values.toText(old) + f.joinString() + value);
                    } else {
                        event.set(f.name(), value);
                    }
                }
                case INDIRECT -> {
                    String key = indirectName(f, event, bytes, start, length);
                    if (!key.isEmpty()) {
                        event.set(key, value);
                    }
                }
                case SKIP -> {}
            }
        }
        return true;
    }

    private String indirectName(Field f, Event event, byte[] bytes, int[] start, int[] length) {
        if (event.includes(f.name())) {
            return String.valueOf(Values.toText(event.get(f.name())));
        }
        for (Field other : fields) {
            if (other.id() != f.id() && other.name().equals(f.name())) {
                return new String(
                        bytes, start[other.id()], length[other.id()], StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    /** Logstash's Dissector.dissectValues and its Position, on byte offsets. */
    private boolean cut(byte[] source, int[] start, int[] length) {
        int left = 0;
        int pos = 0;
        int curStart = 0;
        int curLength = 0;
        int last = fields.size() - 1;
        for (int idx = 0; idx <= last; idx++) {
            Field field = fields.get(idx);
            // move beyond the previous delimiter
            Delimiter prev = field.previous();
            if (prev == null) {
                curStart = left;
            } else if (prev.greedy) {
                while (true) {
                    pos = prev.indexOf(source, left);
                    if (pos == left) {
                        left = pos + prev.size();
                    } else {
                        curStart = left;
                        break;
                    }
                }
            } else {
                if (left == 0 && offsetOfFirstField > 0) {
                    pos = prev.indexOf(source, left);
                    if (pos == 0) {
                        left = pos + prev.size();
                    } else {
                        return false;
                    }
                }
                curStart = left;
            }
            if (idx == last) {
                pos = source.length;
                curLength = pos - left;
            } else {
                // find the next delimiter
                curLength = 0;
                pos = field.next().indexOf(source, left);
                if (pos == -1) {
                    return false;
                } else if (pos > 0) {
                    curLength = pos - left;
                    left = pos + field.next().size();
                }
            }
            start[field.id()] = curStart;
            length[field.id()] = curLength;
        }
        return true;
    }
}
