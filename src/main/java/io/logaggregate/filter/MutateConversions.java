package io.logaggregate.filter;

import io.logaggregate.event.Values;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * mutate's {@code convert} types, with the strict parsing of logstash-filter-mutate 3.5+ on
 * Logstash 8.14+: a value that is no number is an error (the event gets {@code _mutate_error}), not
 * silently 0.
 */
final class MutateConversions {
    static final List<String> TYPES =
            List.of("string", "integer", "float", "boolean", "integer_eu", "float_eu");

    private static final Pattern TRUE =
            Pattern.compile("^(true|t|yes|y|1|1.0)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern FALSE =
            Pattern.compile("^(false|f|no|n|0|0.0)$", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern HEX = Pattern.compile("[+-]?0x[0-9a-f]+(?:_[0-9a-f]+)*");

    /** Ruby's Float() hexadecimal literal: {@code 0x1.edcdp6}, {@code -0x1.8p+1}, {@code 0x7b}. */
    private static final Pattern HEX_FLOAT =
            Pattern.compile(
                    "[+-]?0x[0-9a-f]+(?:_[0-9a-f]+)*(?:\\.[0-9a-f]+(?:_[0-9a-f]+)*)?(?:p[+-]?\\d+)?");

    /** Ruby's Float()/BigDecimal() literal: digits with single underscores, fraction, exponent. */
    private static final Pattern DECIMAL =
            Pattern.compile("[+-]?(?:\\d+(?:_\\d+)*)?(?:\\.\\d+(?:_\\d+)*)?(?:e[+-]?\\d+)?");

    private MutateConversions() {}

    /** Converts one (non-null, non-hash) value; throws IllegalArgumentException when it cannot. */
    static Object convert(String type, Object value) {
        return switch (type) {
            case "string" -> LogstashValues.rubyToS(value);
            case "integer" -> toInteger(value);
            case "float" -> toFloat(value);
            case "boolean" -> toBoolean(value);
            case "integer_eu" -> toInteger(swapEu(value));
            case "float_eu" -> toFloat(swapEu(value));
            default -> throw new IllegalArgumentException("Invalid conversion type '" + type + "'");
        };
    }

    private static Object swapEu(Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            sb.append(c == ',' ? '.' : c == '.' ? ',' : c);
        }
        return sb.toString();
    }

    private static String clean(String s) {
        return rubyStrip(s).replace(",", "").toLowerCase(java.util.Locale.ROOT);
    }

    static Object toInteger(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return value;
        }
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                throw new IllegalArgumentException("cannot convert " + d + " to integer");
            }
            return Values.normalize(
                    BigDecimal.valueOf(d).setScale(0, RoundingMode.DOWN).toBigInteger());
        }
        if (value instanceof Instant i) {
            return i.getEpochSecond();
        }
        if (value instanceof String raw) {
            if (plainLong(raw)) {
                // the common case (a number from grok): what the general path gives, without
                // BigDecimal (the postfix job's size and nrcpt were ~4% of its filter thread)
                return Long.parseLong(raw);
            }
            String s = clean(raw);
            if (s.startsWith("0x", s.startsWith("-") || s.startsWith("+") ? 1 : 0)) {
                // mutate: a hex integer as Integer(), a hex float truncated
                if (!s.contains(".")) {
                    if (!HEX.matcher(s).matches()) {
                        throw new IllegalArgumentException("invalid value for Integer(): " + raw);
                    }
                    boolean neg = s.startsWith("-");
                    String digits = s.substring(s.indexOf('x') + 1).replace("_", "");
                    BigInteger v = new BigInteger(digits, 16);
                    return Values.normalize(neg ? v.negate() : v);
                }
                return toInteger(hexFloat(s, raw));
            }
            return Values.normalize(decimal(s, raw).setScale(0, RoundingMode.DOWN).toBigInteger());
        }
        throw new IllegalArgumentException(
                "can't convert " + LogstashValues.inspect(value) + " into Integer");
    }

    /** An optional minus and 1 to 18 ASCII digits: always a long, the same as BigDecimal's. */
    private static boolean plainLong(String s) {
        int start = s.startsWith("-") ? 1 : 0;
        int n = s.length() - start;
        if (n < 1 || n > 18) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static Double toFloat(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1.0 : 0.0;
        }
        if (value instanceof Double d) {
            return d;
        }
        if (value instanceof Long || value instanceof BigInteger) {
            return ((Number) value).doubleValue();
        }
        if (value instanceof String raw) {
            String s = clean(raw);
            if (s.startsWith("0x", s.startsWith("-") || s.startsWith("+") ? 1 : 0)) {
                return hexFloat(s, raw);
            }
            return decimal(s, raw).doubleValue();
        }
        throw new IllegalArgumentException(
                "can't convert " + LogstashValues.inspect(value) + " into Float");
    }

    /** Ruby's {@code Float("0x1.edcdp6")}: a hexadecimal float (a binary exponent optional). */
    private static Double hexFloat(String s, String raw) {
        if (!HEX_FLOAT.matcher(s).matches()) {
            throw new IllegalArgumentException(
                    "invalid value for Float(): " + LogstashValues.inspect(raw));
        }
        String literal = s.replace("_", "");
        if (!literal.contains("p")) {
            literal = literal + "p0";
        }
        return Double.parseDouble(literal);
    }

    private static BigDecimal decimal(String s, String raw) {
        if (s.isEmpty() || !DECIMAL.matcher(s).matches() || !s.matches(".*\\d.*")) {
            throw new IllegalArgumentException(
                    "invalid value for Float(): " + LogstashValues.inspect(raw));
        }
        return new BigDecimal(s.replace("_", ""));
    }

    /** Unrecognised values stay as they are (Logstash logs a warning). */
    static Object toBoolean(Object value) {
        String s = LogstashValues.rubyToS(value);
        if (TRUE.matcher(s).find()) {
            return true;
        }
        if (s.isEmpty() || FALSE.matcher(s).find()) {
            return false;
        }
        return value;
    }

    /** Ruby's {@code String#strip}: ASCII whitespace both ends, and NULs at the end. */
    static String rubyStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isRubySpace(s.charAt(start))) {
            start++;
        }
        while (end > start && (isRubySpace(s.charAt(end - 1)) || s.charAt(end - 1) == '\0')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isRubySpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }

    static boolean isHash(Object v) {
        return v instanceof Map;
    }
}
