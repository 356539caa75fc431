package io.logaggregate.event;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logstash string interpolation ({@code StringInterpolation.evaluate}), reference by reference as
 * Logstash scans it: from each {@code %{} to the first {@code }} after it.
 *
 * <ul>
 *   <li>{@code %{field}}, {@code %{[a][b]}}: the value (arrays joined with commas, hashes as JSON);
 *       a missing or null field stays literal;
 *   <li>{@code %{+%s}}: epoch seconds of {@code @timestamp};
 *   <li>{@code %{+FORMAT}}: {@code @timestamp} in UTC by a Joda-Time pattern;
 *   <li>{@code %{{FORMAT}}}: {@code @timestamp} in UTC by a java.time pattern; {@code
 *       %{{TIME_NOW}}} the current time;
 *   <li>a template with no {@code }} after its {@code %{} is left as it is;
 *   <li>without {@code @timestamp} a time reference is empty.
 * </ul>
 *
 * <p>Where Logstash would throw (a date pattern it cannot read, e.g. {@code %{+YYY b %{bar}} whose
 * pattern is {@code YYY b %{bar}}) and stop the pipeline, the reference stays literal and a warning
 * is logged once per pattern: one bad format must never stop a job.
 */
public final class Sprintf {
    private static final Logger LOG = LoggerFactory.getLogger(Sprintf.class);
    private static final String TIME_NOW = "TIME_NOW";

    /** A pattern that failed to compile maps to this marker. */
    private static final DateTimeFormatter INVALID =
            DateTimeFormatter.ofPattern("'invalid'").withZone(ZoneOffset.UTC);

    private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static volatile Clock clock = Clock.systemUTC();

    private Sprintf() {}

    /** True if the template has a {@code %{...}} reference that would be interpolated. */
    public static boolean isDynamic(String template) {
        int i = template.indexOf("%{");
        return i >= 0 && template.indexOf('}', i) > i;
    }

    /** For tests: the clock {@code %{{TIME_NOW}}} reads. */
    static void setClock(Clock c) {
        clock = c;
    }

    public static String format(String template, Event event) {
        int open = template.indexOf("%{");
        int close = open < 0 ? -1 : template.indexOf('}', open);
        if (open < 0 || close < 0) {
            return template;
        }
        int len = template.length();
        StringBuilder out = new StringBuilder(len + 16);
        int pos = 0;
        while (open >= 0 && close >= 0) {
            out.append(template, pos, open);
            String body = template.substring(open + 2, close);
            if ("+%s".startsWith(body)) {
                // Logstash tests the body as a prefix of "+%s": "%{+%s}" (and "%{}", "%{+}")
                Instant ts = event.timestamp();
                if (ts != null) {
                    out.append(ts.getEpochSecond());
                }
            } else if (body.startsWith("{")
                    && close + 1 < len
                    && template.charAt(close + 1) == '}') {
                close++; // the second closing brace
                String pattern = body.substring(1);
                if (pattern.equals(TIME_NOW)) {
                    out.append(DateTimeFormatter.ISO_INSTANT.format(clock.instant()));
                } else {
                    appendTime(out, event, template.substring(open, close + 1), javaTime(pattern));
                }
            } else if (body.startsWith("+")) {
                appendTime(
                        out, event, template.substring(open, close + 1), joda(body.substring(1)));
            } else {
                Object v;
                try {
                    v = body.isEmpty() ? null : event.get(body);
                } catch (IllegalArgumentException badRef) {
                    v = null;
                }
                if (v == null) {
                    out.append("%{").append(body).append('}');
                } else {
                    out.append(Values.toText(v));
                }
            }
            pos = close + 1;
            open = template.indexOf("%{", pos);
            close = open < 0 ? -1 : template.indexOf('}', open);
        }
        out.append(template, pos, len);
        return out.toString();
    }

    /**
     * A template read once, for a caller that formats it for every event (an aggregate's task id):
     * {@link #format(Event)} gives what {@link Sprintf#format(String, Event)} gives, without
     * finding and parsing its references again. A template with a time reference ({@code %{+...}},
     * {@code %{{...}}}) is formatted by {@link Sprintf#format(String, Event)} itself.
     */
    public static final class Template {
        private final String text;

        /** The literal text around the references: one more than {@link #refs}; null: general. */
        private final String[] literals;

        /** Each reference's field, or null for one that is no field reference (stays literal). */
        private final FieldRef[] refs;

        /** Each reference as written ({@code %{body}}), appended when its field is missing. */
        private final String[] written;

        private Template(String text) {
            this.text = text;
            java.util.List<String> lits = new java.util.ArrayList<>();
            java.util.List<FieldRef> fields = new java.util.ArrayList<>();
            java.util.List<String> raw = new java.util.ArrayList<>();
            boolean general = false;
            int pos = 0;
            int open = text.indexOf("%{");
            int close = open < 0 ? -1 : text.indexOf('}', open);
            // the same scan as format(String, Event)
            while (open >= 0 && close >= 0) {
                String body = text.substring(open + 2, close);
                if ("+%s".startsWith(body) || body.startsWith("{") || body.startsWith("+")) {
                    general = true; // a time reference
                    break;
                }
                lits.add(text.substring(pos, open));
                FieldRef ref;
                try {
                    ref = FieldRef.parse(body);
                } catch (IllegalArgumentException badRef) {
                    ref = null;
                }
                fields.add(ref);
                raw.add("%{" + body + "}");
                pos = close + 1;
                open = text.indexOf("%{", pos);
                close = open < 0 ? -1 : text.indexOf('}', open);
            }
            lits.add(text.substring(pos));
            this.literals = general ? null : lits.toArray(new String[0]);
            this.refs = fields.toArray(new FieldRef[0]);
            this.written = raw.toArray(new String[0]);
        }

        public static Template of(String text) {
            return new Template(text);
        }

        public String text() {
            return text;
        }

        public String format(Event event) {
            if (literals == null) {
                return Sprintf.format(text, event);
            }
            if (refs.length == 0) {
                return text;
            }
            if (refs.length == 1 && literals[0].isEmpty() && literals[1].isEmpty()) {
                // "%{field}": the value's text itself, no copy
                Object v = refs[0] == null ? null : event.get(refs[0]);
                return v == null ? written[0] : Values.toText(v);
            }
            StringBuilder out = new StringBuilder(text.length() + 16);
            for (int i = 0; i < refs.length; i++) {
                out.append(literals[i]);
                Object v = refs[i] == null ? null : event.get(refs[i]);
                if (v == null) {
                    out.append(written[i]);
                } else {
                    out.append(Values.toText(v));
                }
            }
            out.append(literals[refs.length]);
            return out.toString();
        }
    }

    private static void appendTime(
            StringBuilder out, Event event, String reference, DateTimeFormatter f) {
        if (f == INVALID) {
            out.append(reference);
            return;
        }
        Instant ts = event.timestamp();
        if (ts == null) {
            return;
        }
        try {
            out.append(f.format(ts));
        } catch (java.time.DateTimeException e) {
            // e.g. a java.time field the instant does not have
            warnOnce(reference, e.getMessage());
            out.append(reference);
        }
    }

    private static DateTimeFormatter joda(String pattern) {
        return FORMATS.computeIfAbsent(
                "+" + pattern,
                k -> compile(k, () -> JodaPatterns.toJavaTime(pattern), "%{" + k + "}"));
    }

    private static DateTimeFormatter javaTime(String pattern) {
        return FORMATS.computeIfAbsent(
                "{" + pattern, k -> compile(k, () -> pattern, "%{{" + pattern + "}}"));
    }

    private static DateTimeFormatter compile(
            String key, java.util.function.Supplier<String> javaPattern, String reference) {
        try {
            return DateTimeFormatter.ofPattern(javaPattern.get()).withZone(ZoneOffset.UTC);
        } catch (IllegalArgumentException e) {
            warnOnce(reference, e.getMessage());
            return INVALID;
        }
    }

    private static void warnOnce(String reference, String why) {
        if (WARNED.add(reference)) {
            LOG.warn(
                    "sprintf: cannot format the date in {} ({}); the text is left as it is",
                    reference,
                    why);
        }
    }
}
