package io.logaggregate.ruby;

import io.logaggregate.event.FieldRef;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.RubyArray;
import org.jruby.RubyBoolean;
import org.jruby.RubyFixnum;
import org.jruby.RubyFloat;
import org.jruby.RubyString;
import org.jruby.runtime.builtin.IRubyObject;
import org.jruby.util.ByteList;

/**
 * A value in fast code ({@link FastAggregateCode}): a literal, an array literal, {@code
 * event.get('[a][b]')}, or {@code map['k']} (only as the value of {@code event.set}: elsewhere the
 * map would hold one object twice, which the fast code does not model). Each gives its value in the
 * three forms the statements need, each exactly what the JRuby path makes of the Ruby value.
 */
abstract class FastExpr {
    /**
     * The value as the map holds it: a packed value (byte[], never changed in place) or, when only
     * Ruby can pack it exactly, a new live Ruby object.
     */
    abstract Object mapValue(FastCall c);

    /** What {@link RubyValues#toJava} makes of the Ruby value (a new copy; for event.set). */
    abstract Object javaValue(FastCall c);

    /** The Ruby value, a new object (for a method left to Ruby). */
    abstract IRubyObject rubyValue(FastCall c);

    /** A string, Integer, Float, nil, true or false literal. */
    static final class Literal extends FastExpr {
        private final byte[] packed;
        private final Object java;

        /** For a string: its bytes as the parser made them (a new String shares them). */
        private final ByteList string;

        private Literal(Object java, ByteList string) {
            this.java = java;
            this.string = string;
            this.packed = java instanceof String s ? packRepeated(s) : pack(java);
        }

        /** A string literal is written into every task that runs it: a repeated value. */
        private static byte[] packRepeated(String s) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int id = RepeatedValues.idOfRepeated(utf8, 0, utf8.length);
            return id >= 0 ? RepeatedValues.packed(id) : pack(s);
        }

        /** A string literal of ASCII bytes (the only ones the fast code takes). */
        static Literal string(ByteList bytes) {
            return new Literal(
                    new String(
                            bytes.unsafeBytes(),
                            bytes.begin(),
                            bytes.realSize(),
                            StandardCharsets.US_ASCII),
                    bytes.dup());
        }

        static Literal of(Object value) {
            return new Literal(value, null);
        }

        @Override
        Object mapValue(FastCall c) {
            return packed;
        }

        @Override
        Object javaValue(FastCall c) {
            return java; // String, Long, Double, Boolean or null: immutable
        }

        @Override
        IRubyObject rubyValue(FastCall c) {
            if (string != null) {
                return RubyString.newStringShared(c.runtime, string);
            }
            if (java == null) {
                return c.runtime.getNil();
            }
            if (java instanceof Long l) {
                return RubyFixnum.newFixnum(c.runtime, l);
            }
            if (java instanceof Double d) {
                return RubyFloat.newFloat(c.runtime, d);
            }
            return RubyBoolean.newBoolean(c.runtime, (Boolean) java);
        }
    }

    /** {@code [a, b, ...]}: a new Array each time. */
    static final class ArrayLiteral extends FastExpr {
        private final FastExpr[] elements;

        ArrayLiteral(List<FastExpr> elements) {
            this.elements = elements.toArray(new FastExpr[0]);
        }

        @Override
        Object mapValue(FastCall c) {
            byte[][] parts = new byte[elements.length][];
            int length = 1 + MapEditor.varintSize(elements.length);
            for (int i = 0; i < elements.length; i++) {
                if (!(elements[i].mapValue(c) instanceof byte[] b)) {
                    return rubyValue(c);
                }
                parts[i] = b;
                length += b.length;
            }
            byte[] out = new byte[length];
            out[0] = PackedMap.LIST;
            int at = MapEditor.writeVarint(out, 1, elements.length);
            for (byte[] b : parts) {
                System.arraycopy(b, 0, out, at, b.length);
                at += b.length;
            }
            return out;
        }

        @Override
        Object javaValue(FastCall c) {
            List<Object> out = new ArrayList<>(elements.length);
            for (FastExpr e : elements) {
                out.add(e.javaValue(c));
            }
            return out;
        }

        @Override
        IRubyObject rubyValue(FastCall c) {
            RubyArray<IRubyObject> array = RubyArray.newArray(c.runtime, elements.length);
            for (FastExpr e : elements) {
                array.append(e.rubyValue(c));
            }
            return array;
        }
    }

    /** {@code event.get('ref')} (or {@code event['ref']}): a copy of the event's value. */
    static final class EventGet extends FastExpr {
        private final FieldRef ref;

        EventGet(FieldRef ref) {
            this.ref = ref;
        }

        @Override
        Object mapValue(FastCall c) {
            Object v = c.event.get(ref);
            return plain(v, 0) ? pack(v) : RubyValues.toRuby(c.runtime, v);
        }

        @Override
        Object javaValue(FastCall c) {
            Object v = c.event.get(ref);
            return plain(v, 0) ? copy(v) : RubyValues.toJava(RubyValues.toRuby(c.runtime, v));
        }

        @Override
        IRubyObject rubyValue(FastCall c) {
            return RubyValues.toRuby(c.runtime, c.event.get(ref));
        }
    }

    /** {@code map['k']}, only as the value of event.set (which copies it). */
    static final class MapRead extends FastExpr {
        private final FastKey key;

        MapRead(FastKey key) {
            this.key = key;
        }

        @Override
        Object mapValue(FastCall c) {
            throw new IllegalStateException("map['" + key + "'] is only read for event.set");
        }

        @Override
        Object javaValue(FastCall c) {
            int i = c.map.find(key);
            return i < 0 ? null : c.map.java(i);
        }

        @Override
        IRubyObject rubyValue(FastCall c) {
            throw new IllegalStateException("map['" + key + "'] is only read for event.set");
        }
    }

    // ------------------------------------------------------------------ event values

    /**
     * True when the Java value of an event converts to Ruby and back (RubyValues.toRuby, then
     * PackedMap's or RubyValues' packing of the Ruby value) into exactly what plain Java gives:
     * null, Boolean, Long, Double, Instant, a String without UTF-16 surrogates (Ruby's UTF-8 of an
     * unpaired one differs), and Lists and Maps of those, not deeply nested. A BigInteger and
     * anything else goes through Ruby.
     */
    static boolean plain(Object v, int depth) {
        if (v == null
                || v instanceof Long
                || v instanceof Boolean
                || v instanceof Double
                || v instanceof Instant) {
            return true;
        }
        if (v instanceof String s) {
            return noSurrogates(s);
        }
        if (depth >= MapEditor.MAX_FAST_DEPTH) {
            return false;
        }
        if (v instanceof List<?> list) {
            for (Object o : list) {
                if (!plain(o, depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (v instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!(e.getKey() instanceof String k)
                        || !noSurrogates(k)
                        || !plain(e.getValue(), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    private static boolean noSurrogates(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (Character.isSurrogate(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The packed form of a {@link #plain} value; a String that repeats across tasks is its number
     * in the dictionary of repeated values, as PackedMap packs it.
     */
    static byte[] pack(Object v) {
        if (v instanceof String s) {
            int n = s.length();
            if (n < 128) {
                byte[] out = new byte[2 + n];
                out[0] = PackedMap.STRING;
                out[1] = (byte) n;
                for (int i = 0; i < n; i++) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        out = null;
                        break;
                    }
                    out[2 + i] = (byte) c;
                }
                if (out != null) {
                    // ASCII, the usual case: its UTF-8 is its chars
                    int id = RepeatedValues.id(out, 2, n);
                    return id >= 0 ? RepeatedValues.packed(id) : out;
                }
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            int id = RepeatedValues.id(utf8, 0, utf8.length);
            if (id >= 0) {
                return RepeatedValues.packed(id);
            }
            byte[] out = new byte[1 + MapEditor.varintSize(utf8.length) + utf8.length];
            out[0] = PackedMap.STRING;
            int at = MapEditor.writeVarint(out, 1, utf8.length);
            System.arraycopy(utf8, 0, out, at, utf8.length);
            return out;
        }
        PackedMap.Out out = PackedMap.Out.get();
        try {
            out.java(v);
            return out.toArray();
        } finally {
            out.release();
        }
    }

    /** A copy of a {@link #plain} value as RubyValues.toJava makes it of its Ruby conversion. */
    private static Object copy(Object v) {
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object o : list) {
                out.add(copy(o));
            }
            return out;
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put((String) e.getKey(), copy(e.getValue()));
            }
            return out;
        }
        return v; // immutable
    }
}
