package io.logaggregate.event;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logstash string interpolation: {@code %{field}}, {@code %{[a][b]}}, {@code %{+YYYY.MM.dd}} (Joda
 * format of {@code @timestamp}, UTC), {@code %{+%s}} (epoch seconds), {@code %{{pattern}}}
 * (java.time pattern). A missing or null field stays literal, as in Logstash.
 */
public final class Sprintf {
    private static final Map<String, DateTimeFormatter> FORMATS = new ConcurrentHashMap<>();

    private Sprintf() {}

    /** True if the template has any {@code %{...}} reference. */
    public static boolean isDynamic(String template) {
        int i = template.indexOf("%{");
        return i >= 0 && template.indexOf('}', i + 2) > i + 2;
    }

    public static String format(String template, Event event) {
        int start = template.indexOf("%{");
        if (start < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (start >= 0) {
            out.append(template, i, start);
            int end;
            String key;
            if (template.startsWith("%{{", start)) {
                end = template.indexOf("}}", start + 3);
                if (end < 0) {
                    break;
                }
                key = template.substring(start + 3, end);
                out.append(formatTime(event, javaFormatter(key)));
                i = end + 2;
            } else {
                end = template.indexOf('}', start + 2);
                if (end < 0) {
                    break;
                }
                key = template.substring(start + 2, end);
                if (key.startsWith("+")) {
                    String fmt = key.substring(1);
                    if (fmt.equals("%s")) {
                        Instant ts = event.timestamp();
                        out.append(
                                ts == null
                                        ? "%{" + key + "}"
                                        : String.valueOf(ts.getEpochSecond()));
                    } else {
                        out.append(formatTime(event, jodaFormatter(fmt)));
                    }
                } else {
                    Object v;
                    try {
                        v = key.isEmpty() ? null : event.get(key);
                    } catch (IllegalArgumentException badRef) {
                        v = null;
                    }
                    if (v == null) {
                        out.append("%{").append(key).append('}');
                    } else {
                        out.append(Values.toText(v));
                    }
                }
                i = end + 1;
            }
            start = template.indexOf("%{", i);
        }
        out.append(template, i, template.length());
        return out.toString();
    }

    private static String formatTime(Event event, DateTimeFormatter f) {
        Instant ts = event.timestamp();
        return ts == null ? "" : f.format(ts);
    }

    private static DateTimeFormatter jodaFormatter(String joda) {
        return FORMATS.computeIfAbsent(
                "j:" + joda,
                k ->
                        DateTimeFormatter.ofPattern(JodaPatterns.toJavaTime(joda))
                                .withZone(ZoneOffset.UTC));
    }

    private static DateTimeFormatter javaFormatter(String pattern) {
        return FORMATS.computeIfAbsent(
                "J:" + pattern, k -> DateTimeFormatter.ofPattern(pattern).withZone(ZoneOffset.UTC));
    }
}
