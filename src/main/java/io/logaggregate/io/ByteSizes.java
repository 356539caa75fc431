package io.logaggregate.io;

import io.logaggregate.config.PluginSettings;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Logstash's byte sizes ({@code "64mb"}, {@code "512kb"}, or a bare number of bytes). */
public final class ByteSizes {
    private static final Pattern SIZE =
            Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?b)?", Pattern.CASE_INSENSITIVE);

    private ByteSizes() {}

    /** The setting (else its declared default) in bytes; it must be positive. */
    public static long of(PluginSettings s, String name) {
        String text = (s.has(name) ? s.string(name) : String.valueOf(s.get(name))).trim();
        Matcher m = SIZE.matcher(text);
        if (!m.matches()) {
            throw s.invalid(name, "Expected a size such as 64mb, 512kb or 1048576");
        }
        double n = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
        long factor =
                switch (unit) {
                    case "kb" -> 1024L;
                    case "mb" -> 1024L * 1024;
                    case "gb" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
        long v = (long) (n * factor);
        if (v < 1) {
            throw s.invalid(name, "Expected a positive size");
        }
        return v;
    }
}
