package io.logaggregate.io;

import io.logaggregate.config.PluginSettings;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Logstash's "friendly durations" ({@code stat_interval => "1 second"}, {@code "250 ms"}, or a bare
 * number in the setting's default unit).
 */
public final class Durations {
    private static final Pattern FRIENDLY =
            Pattern.compile("^\\s*(\\d+(?:\\.\\d+)?)\\s*([a-zA-Z]*)\\s*$");

    private Durations() {}

    /**
     * The setting in milliseconds, else its declared default, else 0; a bare number is in {@code
     * unitMillis} units.
     */
    public static long millis(PluginSettings s, String name, long unitMillis) {
        if (s.has(name)) {
            return millis(s, name, 0, unitMillis);
        }
        Object d = s.get(name);
        if (d == null) {
            return 0;
        }
        if (d instanceof Number n) {
            return Math.round(n.doubleValue() * unitMillis);
        }
        return parse(s, name, d.toString(), unitMillis);
    }

    /** The setting in milliseconds; a bare number is in {@code unitMillis} units. */
    public static long millis(PluginSettings s, String name, long dfltMillis, long unitMillis) {
        Object raw = s.raw(name);
        if (raw == null) {
            return dfltMillis;
        }
        if (raw instanceof Number) {
            return positive(s, name, s.doubleValue(name, 0) * unitMillis);
        }
        return parse(s, name, s.string(name), unitMillis);
    }

    private static long parse(PluginSettings s, String name, String text, long unitMillis) {
        Matcher m = FRIENDLY.matcher(text);
        if (!m.matches()) {
            throw s.invalid(name, "Expected a duration like \"1 second\" or a number");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "" -> unitMillis;
                    case "ms", "msec", "msecs", "millisecond", "milliseconds" -> 1;
                    case "s", "sec", "secs", "second", "seconds" -> 1000;
                    case "m", "min", "mins", "minute", "minutes" -> 60_000;
                    case "h", "hour", "hours" -> 3_600_000;
                    case "d", "day", "days" -> 86_400_000;
                    case "w", "week", "weeks" -> 7 * 86_400_000L;
                    default -> throw s.invalid(name, "Unknown duration unit '" + unit + "'");
                };
        return positive(s, name, amount * factor);
    }

    private static long positive(PluginSettings s, String name, double millis) {
        if (millis < 0) {
            throw s.invalid(name, "A duration must not be negative");
        }
        return Math.round(millis);
    }
}
