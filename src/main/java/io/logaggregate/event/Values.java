package io.logaggregate.event;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The value model of an event: String, Long, BigInteger (only for integers beyond 64 bits, as
 * Ruby's Bignum: they stay exact), Double, Boolean, null, Instant (a timestamp), List and Map
 * (String keys, insertion order). Everything that enters an event goes through {@link #normalize}
 * so Flink state and serializers only ever see these types.
 */
public final class Values {
    private Values() {}

    public static Object normalize(Object v) {
        if (v == null
                || v instanceof String
                || v instanceof Long
                || v instanceof Double
                || v instanceof Boolean
                || v instanceof Instant) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float) {
            return ((Float) v).doubleValue();
        }
        if (v instanceof BigInteger bi) {
            return bi.bitLength() < 64 ? (Object) bi.longValue() : bi;
        }
        if (v instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        if (v instanceof CharSequence cs) {
            return cs.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), normalize(e.getValue()));
            }
            return out;
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object o : c) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof Object[] arr) {
            List<Object> out = new ArrayList<>(arr.length);
            for (Object o : arr) {
                out.add(normalize(o));
            }
            return out;
        }
        if (v instanceof java.util.Date d) {
            return d.toInstant();
        }
        return v.toString();
    }

    /** Deep copy of a normalized value (Instant and scalars are immutable). */
    @SuppressWarnings("unchecked")
    public static Object deepCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : ((Map<String, Object>) m).entrySet()) {
                out.put(e.getKey(), deepCopy(e.getValue()));
            }
            return out;
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(deepCopy(o));
            }
            return out;
        }
        return v;
    }

    /** Text form used by sprintf and string comparisons (Logstash's rules). */
    public static String toText(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Instant i) {
            return Timestamps.format(i);
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                sb.append(toText(l.get(i)));
            }
            return sb.toString();
        }
        if (v instanceof Map<?, ?>) {
            return Json.write(v);
        }
        return v.toString();
    }
}
