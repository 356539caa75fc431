package io.logaggregate.io.codec;

import io.logaggregate.event.Event;
import io.logaggregate.event.Timestamps;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code rubydebug}: the event printed the way Logstash's awesome_print output looks, e.g.
 *
 * <pre>
 * {
 *        "message" =&gt; "hello",
 *     "@timestamp" =&gt; 2026-01-31T00:02:00.000Z,
 *           "tags" =&gt; [
 *         [0] "a"
 *     ]
 * }
 * </pre>
 *
 * Keys are right-aligned per hash and indented four spaces a level; strings are quoted, numbers,
 * booleans and timestamps are not, null is {@code nil}. Fields keep the event's order (Logstash's
 * own order is that of a hash map, so no order is "the" right one). {@code metadata => true} adds
 * {@code @metadata}.
 */
final class RubydebugEncoder implements Encoder {
    private static final long serialVersionUID = 1L;
    private static final String INDENT = "    ";

    private final boolean metadata;

    RubydebugEncoder(boolean metadata) {
        this.metadata = metadata;
    }

    @Override
    public String encode(Event event) {
        Map<String, Object> shown = event.data();
        if (metadata && !event.metadata().isEmpty()) {
            shown = new LinkedHashMap<>(event.data());
            shown.put(Event.METADATA, event.metadata());
        }
        StringBuilder sb = new StringBuilder();
        appendValue(sb, shown, 0);
        return sb.append('\n').toString();
    }

    private static void appendValue(StringBuilder sb, Object v, int level) {
        if (v instanceof Map<?, ?> m) {
            appendHash(sb, m, level);
        } else if (v instanceof List<?> l) {
            appendArray(sb, l, level);
        } else if (v instanceof String s) {
            appendQuoted(sb, s);
        } else if (v instanceof Instant i) {
            sb.append(Timestamps.format(i));
        } else if (v == null) {
            sb.append("nil");
        } else {
            sb.append(v);
        }
    }

    private static void appendHash(StringBuilder sb, Map<?, ?> m, int level) {
        if (m.isEmpty()) {
            sb.append("{}");
            return;
        }
        int width = 0;
        for (Object k : m.keySet()) {
            width = Math.max(width, quotedLength(String.valueOf(k)));
        }
        sb.append("{\n");
        int i = 0;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String key = String.valueOf(e.getKey());
            indent(sb, level + 1);
            sb.append(" ".repeat(width - quotedLength(key)));
            appendQuoted(sb, key);
            sb.append(" => ");
            appendValue(sb, e.getValue(), level + 1);
            sb.append(++i < m.size() ? ",\n" : "\n");
        }
        indent(sb, level);
        sb.append('}');
    }

    private static void appendArray(StringBuilder sb, List<?> l, int level) {
        if (l.isEmpty()) {
            sb.append("[]");
            return;
        }
        int width = String.valueOf(l.size() - 1).length();
        sb.append("[\n");
        for (int i = 0; i < l.size(); i++) {
            String idx = String.valueOf(i);
            indent(sb, level + 1);
            sb.append('[').append(" ".repeat(width - idx.length())).append(idx).append("] ");
            appendValue(sb, l.get(i), level + 1);
            sb.append(i + 1 < l.size() ? ",\n" : "\n");
        }
        indent(sb, level);
        sb.append(']');
    }

    private static void indent(StringBuilder sb, int level) {
        sb.append(INDENT.repeat(level));
    }

    private static int quotedLength(String s) {
        StringBuilder sb = new StringBuilder();
        appendQuoted(sb, s);
        return sb.length();
    }

    /** Ruby's {@code String#inspect} for the characters that matter in log text. */
    private static void appendQuoted(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\u001b' -> sb.append("\\e");
                case '#' -> {
                    // Ruby escapes '#' only where it would start an interpolation
                    boolean interp = i + 1 < s.length() && "{$@".indexOf(s.charAt(i + 1)) >= 0;
                    sb.append(interp ? "\\#" : "#");
                }
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\x%02X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
