package io.logaggregate.filter;

import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What logstash-filter-csv gets from Ruby's CSV library: {@code CSV.parse_line} (strict quoting,
 * the row separator detected from the text, only the first row read) and the {@code integer},
 * {@code float}, {@code date} and {@code date_time} converters, which give back the text when it
 * does not convert.
 */
final class RubyCsv {
    private RubyCsv() {}

    /** Ruby's CSV::MalformedCSVError. */
    static final class MalformedCsv extends RuntimeException {
        MalformedCsv(String message) {
            super(message);
        }
    }

    /**
     * The first row of {@code text}: null for empty text, an empty list for an empty line; a field
     * with nothing (not even quotes) is null, a quoted empty field "".
     */
    static List<String> parseLine(String text, String sep, String quote) {
        if (text.isEmpty()) {
            return null;
        }
        String rowSep = rowSeparator(text);
        List<String> fields = new ArrayList<>();
        int n = text.length();
        int pos = 0;
        if (text.startsWith(rowSep)) {
            return fields;
        }
        while (true) {
            if (!quote.isEmpty() && text.startsWith(quote, pos)) {
                StringBuilder value = new StringBuilder();
                int i = pos + quote.length();
                while (true) {
                    int q = text.indexOf(quote, i);
                    if (q < 0) {
                        throw new MalformedCsv("Unclosed quoted field in line 1.");
                    }
                    value.append(text, i, q);
                    if (text.startsWith(quote, q + quote.length())) {
                        value.append(quote);
                        i = q + 2 * quote.length();
                    } else {
                        pos = q + quote.length();
                        break;
                    }
                }
                fields.add(value.toString());
                if (pos >= n || text.startsWith(rowSep, pos)) {
                    return fields;
                }
                if (!text.startsWith(sep, pos)) {
                    throw new MalformedCsv("Any value after quoted field isn't allowed in line 1.");
                }
                pos += sep.length();
            } else {
                int end = pos;
                while (end < n && !text.startsWith(sep, end) && !text.startsWith(rowSep, end)) {
                    end++;
                }
                String value = text.substring(pos, end);
                if (!quote.isEmpty() && value.contains(quote)) {
                    throw new MalformedCsv("Illegal quoting in line 1.");
                }
                if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    throw new MalformedCsv(
                            "Unquoted fields do not allow new line <\\r> or <\\n> in line 1.");
                }
                fields.add(value.isEmpty() ? null : value);
                if (end >= n || text.startsWith(rowSep, end)) {
                    return fields;
                }
                pos = end + sep.length();
            }
        }
    }

    /** Ruby's {@code row_sep: :auto}: the first \r\n, \n or \r of the text, else \n. */
    private static String rowSeparator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                return "\n";
            }
            if (c == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? "\r\n" : "\r";
            }
        }
        return "\n";
    }

    // ---------------------------------------------------------------- converters

    private static final Pattern INTEGER =
            Pattern.compile(
                    "([+-]?)(?:0[xX]([0-9a-fA-F]+(?:_[0-9a-fA-F]+)*)|0[bB]([01]+(?:_[01]+)*)"
                            + "|0[oO_]?([0-7]+(?:_[0-7]+)*)|0[dD](\\d+(?:_\\d+)*)|(0|[1-9]\\d*(?:_\\d+)*))");
    private static final Pattern FLOAT =
            Pattern.compile(
                    "[+-]?\\d+(?:_\\d+)*(?:\\.\\d+(?:_\\d+)*)?(?:[eE][+-]?\\d+(?:_\\d+)*)?");

    /** Ruby's {@code Integer(text)} (prefixes 0x, 0b, 0o/0, 0d; underscores), else the text. */
    static Object integer(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        Matcher m = INTEGER.matcher(s);
        if (!m.matches()) {
            return text;
        }
        int[] radix = {0, 16, 2, 8, 10, 10};
        for (int g = 2; g <= 6; g++) {
            if (m.group(g) != null) {
                BigInteger v = new BigInteger(m.group(g).replace("_", ""), radix[g - 1]);
                return "-".equals(m.group(1)) ? v.negate() : v;
            }
        }
        return text;
    }

    /** Ruby's {@code Float(text)} for decimal text, else the text. */
    static Object floating(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (FLOAT.matcher(s).matches()) {
            return Double.parseDouble(s.replace("_", ""));
        }
        Object i = integer(text);
        return i instanceof BigInteger b ? (Object) b.doubleValue() : text;
    }

    private static final Pattern DATE =
            Pattern.compile("(?:(\\w+,?\\s+)?\\w+\\s+\\d{1,2},?\\s+\\d{2,4}|\\d{4}-\\d{2}-\\d{2})");
    private static final Pattern DATE_TIME =
            Pattern.compile(
                    "(?:(\\w+,?\\s+)?\\w+\\s+\\d{1,2}\\s+\\d{1,2}:\\d{1,2}:\\d{1,2},?\\s+\\d{2,4}"
                            + "|\\d{4}-\\d{2}-\\d{2}(?:[T\\s]\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?"
                            + "(?:[+-]\\d{2}(?::\\d{2})|Z)?)?)?)");

    private static final DateTimeFormatter NAMED_DATE =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .optionalStart()
                    .appendPattern("EEE")
                    .optionalEnd()
                    .optionalStart()
                    .appendPattern("EEEE")
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(',')
                    .optionalEnd()
                    .optionalStart()
                    .appendLiteral(' ')
                    .optionalEnd()
                    .appendPattern("[MMMM][MMM] d[','] uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);

    private static final DateTimeFormatter NAMED_DATE_TIME =
            new DateTimeFormatterBuilder()
                    .parseCaseInsensitive()
                    .optionalStart()
                    .appendPattern("[EEEE][EEE] ")
                    .optionalEnd()
                    .appendPattern("[MMMM][MMM] d H:m:s uuuu")
                    .toFormatter(Locale.ENGLISH)
                    .withResolverStyle(ResolverStyle.STRICT);

    /**
     * CSV's {@code date} converter: {@code yyyy-mm-dd} or {@code [Weekday,] Month d[,] yyyy},
     * midnight in the local zone (Ruby's {@code Date#to_time}); anything else is the text.
     */
    static Object date(String text, ZoneId zone) {
        if (text == null || !DATE.matcher(text).matches()) {
            return text;
        }
        try {
            LocalDate d =
                    Character.isDigit(text.charAt(0))
                            ? LocalDate.parse(text)
                            : LocalDate.parse(text.replaceAll("\\s+", " "), NAMED_DATE);
            return d.atStartOfDay(zone).toInstant();
        } catch (DateTimeException e) {
            return text;
        }
    }

    /**
     * CSV's {@code date_time} converter for ISO 8601 / RFC 3339 text (a space for the T allowed; no
     * offset is UTC, as Ruby's DateTime), else the text.
     */
    static Object dateTime(String text) {
        if (text == null || !DATE_TIME.matcher(text).matches()) {
            return text;
        }
        if (!Character.isDigit(text.charAt(0))) {
            // [Weekday[,]] Month d H:m:s[,] yyyy, as Ruby's DateTime.parse reads it (UTC)
            try {
                return LocalDateTime.parse(
                                text.replace(",", " ").replaceAll("\\s+", " "), NAMED_DATE_TIME)
                        .toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                return text;
            }
        }
        String s = text.replace(' ', 'T');
        try {
            if (s.length() == 10) {
                return LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (s.endsWith("Z") || s.matches(".*[+-]\\d{2}:\\d{2}$")) {
                return OffsetDateTime.parse(s).toInstant();
            }
            if (s.matches(".*[+-]\\d{2}$")) {
                return OffsetDateTime.parse(s + ":00").toInstant();
            }
            return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return text;
        }
    }
}
