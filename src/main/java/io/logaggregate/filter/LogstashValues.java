package io.logaggregate.filter;

import io.logaggregate.event.Timestamps;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * How Logstash (its Java event with Ruby values) compares, tests and prints the values of an event:
 * the rules its conditionals and filters rely on, for our plain Java value model (String, Long,
 * Double, Boolean, Instant, List, Map, null).
 */
public final class LogstashValues {
    private LogstashValues() {}

    /**
     * Truthiness of a field in an {@code if}: missing/null, the empty string, {@code false} and the
     * text "false" are false; everything else (0, empty lists, ...) is true. Logstash tests the
     * value's string form.
     */
    public static boolean truthy(Object v) {
        if (v == null) {
            return false;
        }
        String s = javaToString(v);
        return !s.isEmpty() && !"false".equals(s);
    }

    /** Ruby {@code ==}: numbers compare by value across Integer/Float, no type coercion else. */
    public static boolean rubyEquals(Object a, Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number na && b instanceof Number nb) {
            if (a instanceof Long la && b instanceof Long lb) {
                return la.longValue() == lb.longValue();
            }
            if (isInteger(a) && isInteger(b)) {
                return bigInteger(na).equals(bigInteger(nb));
            }
            return na.doubleValue() == nb.doubleValue();
        }
        if (a instanceof List<?> la && b instanceof List<?> lb) {
            if (la.size() != lb.size()) {
                return false;
            }
            Iterator<?> ia = la.iterator();
            Iterator<?> ib = lb.iterator();
            while (ia.hasNext()) {
                if (!rubyEquals(ia.next(), ib.next())) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
            if (ma.size() != mb.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : ma.entrySet()) {
                if (!mb.containsKey(e.getKey()) || !rubyEquals(e.getValue(), mb.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * Ruby {@code <=>} for the comparison operators: numbers with numbers, strings with strings (by
     * code point, as Ruby compares bytes of UTF-8), timestamps with timestamps. Null when the two
     * cannot be compared (where Logstash raises an error, we answer false).
     */
    public static Integer compare(Object a, Object b) {
        if (a instanceof Number na && b instanceof Number nb) {
            if (a instanceof Long la && b instanceof Long lb) {
                return Long.compare(la, lb);
            }
            if (isInteger(a) && isInteger(b)) {
                return bigInteger(na).compareTo(bigInteger(nb));
            }
            double x = na.doubleValue();
            double y = nb.doubleValue();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return null;
            }
            return Double.compare(x, y) == 0 ? 0 : (x < y ? -1 : 1);
        }
        if (a instanceof String sa && b instanceof String sb) {
            return Integer.signum(compareCodePoints(sa, sb));
        }
        if (a instanceof Instant ia && b instanceof Instant ib) {
            return Integer.signum(ia.compareTo(ib));
        }
        return null;
    }

    private static boolean isInteger(Object n) {
        return n instanceof Long || n instanceof java.math.BigInteger;
    }

    private static java.math.BigInteger bigInteger(Number n) {
        return n instanceof java.math.BigInteger bi
                ? bi
                : java.math.BigInteger.valueOf(n.longValue());
    }

    /** Ruby's string order: by bytes, which for UTF-8 is code point order. */
    static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /**
     * The Java {@code toString()} of Logstash's stored value, which its truthiness test and its
     * {@code in [list]} test use: strings as is, lists as {@code [a, b]}, maps as {@code {k=v}}.
     */
    public static String javaToString(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        if (v instanceof Double d) {
            return rubyFloat(d);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) {
                    sb.append(", ");
                }
                sb.append(javaToString(l.get(k)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(e.getKey()).append('=').append(javaToString(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return v.toString();
    }

    /**
     * Ruby's {@code to_s}, used where Logstash filters turn a value into text (grok's input,
     * mutate's string conversion and join): nil is empty, floats print as Ruby prints them, arrays
     * and hashes as Ruby's {@code inspect}.
     */
    public static String rubyToS(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof List<?> || v instanceof Map<?, ?>) {
            return inspect(v);
        }
        return scalarToS(v);
    }

    private static String scalarToS(Object v) {
        if (v instanceof Double d) {
            return rubyFloat(d);
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        return v.toString();
    }

    /** Ruby's {@code inspect}: strings quoted, nil as {@code nil}. */
    public static String inspect(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) {
                    sb.append(", ");
                }
                sb.append(inspect(l.get(k)));
            }
            return sb.append(']').toString();
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                sb.append(inspect(e.getKey())).append("=>").append(inspect(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return scalarToS(v);
    }

    /**
     * Ruby's {@code Float#to_s}: shortest round-trip digits, plain notation for decimal exponents
     * -4..15 (always with a fraction, {@code 100.0}), else {@code 1.0e+20}.
     */
    public static String rubyFloat(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        String sign = d < 0 ? "-" : "";
        if (exp >= -4 && exp < 16) {
            String plain = bd.abs().toPlainString();
            if (!plain.contains(".")) {
                plain = plain + ".0";
            }
            return sign + plain;
        }
        String mantissa =
                digits.substring(0, 1) + "." + (digits.length() > 1 ? digits.substring(1) : "0");
        String e = String.valueOf(Math.abs(exp));
        if (e.length() < 2) {
            e = "0" + e;
        }
        return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + e;
    }
}
