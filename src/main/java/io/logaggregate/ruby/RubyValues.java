package io.logaggregate.ruby;

import io.logaggregate.event.Values;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jruby.Ruby;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyComplex;
import org.jruby.RubyFixnum;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyNumeric;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.RubyTime;
import org.jruby.java.proxies.JavaProxy;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * Converts between the event value model ({@link Values}: String, Long, Double, Boolean, null,
 * Instant, List, Map) and Ruby objects.
 *
 * <p>Both directions build fresh objects (deep copies), as Logstash's Rubyfier and Javafier do: an
 * Array that Ruby got from {@code event.get} can be changed without touching the event until it is
 * {@code set} back, and nothing Ruby-side stays reachable from Java state afterwards.
 */
public final class RubyValues {
    /** Deeper than this is almost surely a Hash or Array that contains itself. */
    private static final int MAX_DEPTH = 1000;

    private RubyValues() {}

    // ------------------------------------------------------------------ Java -> Ruby

    /** A Ruby object for a Java value (normalized first if it is not in the value model). */
    public static IRubyObject toRuby(Ruby runtime, Object value) {
        if (value == null) {
            return runtime.getNil();
        }
        if (value instanceof String s) {
            return RubyString.newString(runtime, s);
        }
        if (value instanceof Long l) {
            return RubyFixnum.newFixnum(runtime, l);
        }
        if (value instanceof Double d) {
            return RubyFloat.newFloat(runtime, d);
        }
        if (value instanceof BigInteger bi) {
            return RubyBignum.newBignum(runtime, bi);
        }
        if (value instanceof Boolean b) {
            return RubyBoolean.newBoolean(runtime, b);
        }
        if (value instanceof Instant i) {
            return RubyTimestamp.newTimestamp(runtime, i);
        }
        if (value instanceof Map<?, ?> m) {
            return toRubyHash(runtime, m);
        }
        if (value instanceof List<?> list) {
            RubyArray<IRubyObject> array = RubyArray.newArray(runtime, list.size());
            for (Object o : list) {
                array.append(toRuby(runtime, o));
            }
            return array;
        }
        if (value instanceof IRubyObject r) {
            return r;
        }
        Object normalized = Values.normalize(value);
        return normalized == value
                ? RubyString.newString(runtime, String.valueOf(value))
                : toRuby(runtime, normalized);
    }

    /** A new Ruby Hash with String keys holding Ruby copies of {@code map}'s values. */
    public static RubyHash toRubyHash(Ruby runtime, Map<?, ?> map) {
        RubyHash hash = RubyHash.newHash(runtime);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            // frozen String keys, as Hash#[]= stores them
            RubyString key = RubyString.newString(runtime, String.valueOf(e.getKey()));
            key.setFrozen(true);
            hash.fastASet(key, toRuby(runtime, e.getValue()));
        }
        return hash;
    }

    // ------------------------------------------------------------------ Ruby -> Java

    /**
     * A plain Java value for a Ruby object: Integer to Long (BigInteger when beyond long), Float,
     * BigDecimal and Rational to Double, String and Symbol to String, Time and {@code
     * LogStash::Timestamp} to Instant, Array to List, Hash to LinkedHashMap with String keys.
     * Anything else becomes its {@code to_s}.
     */
    public static Object toJava(IRubyObject value) {
        return toJava(value, 0);
    }

    static Object toJava(IRubyObject value, int depth) {
        if (value == null || value.isNil()) {
            return null;
        }
        if (value instanceof RubyString s) {
            return s.asJavaString();
        }
        if (value instanceof RubyFixnum f) {
            return f.getLongValue();
        }
        if (value instanceof RubyFloat f) {
            return f.getDoubleValue();
        }
        if (value instanceof RubyBoolean) {
            return value.isTrue();
        }
        if (value instanceof RubySymbol sym) {
            return sym.asJavaString();
        }
        if (depth > MAX_DEPTH) {
            throw value.getRuntime()
                    .newArgumentError(
                            "value nested too deeply (does a Hash or Array contain itself?)");
        }
        if (value instanceof RubyHash hash) {
            return toJavaMap(hash, depth + 1);
        }
        if (value instanceof RubyArray<?> array) {
            List<Object> out = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                out.add(toJava(array.eltInternal(i), depth + 1));
            }
            return out;
        }
        if (value instanceof RubyTimestamp ts) {
            return ts.instant();
        }
        if (value instanceof RubyTime t) {
            return t.toInstant();
        }
        if (value instanceof RubyEvent e) {
            return e.event().toMap();
        }
        if (value instanceof RubyBignum big) {
            // beyond 64 bits an Integer stays exact (a BigInteger), as Logstash keeps a Bignum
            return Values.normalize(big.getBigIntegerValue());
        }
        if (value instanceof RubyComplex) {
            return value.asString().asJavaString();
        }
        if (value instanceof RubyNumeric n) {
            // BigDecimal, Rational: Logstash stores them as floats in JSON anyway
            return n.getDoubleValue();
        }
        if (value instanceof JavaProxy proxy) {
            return Values.normalize(proxy.getObject());
        }
        return value.asString().asJavaString();
    }

    /** A LinkedHashMap copy of a Ruby Hash; keys become Strings (Symbols by their name). */
    public static Map<String, Object> toJavaMap(RubyHash hash) {
        return toJavaMap(hash, 0);
    }

    private static Map<String, Object> toJavaMap(RubyHash hash, int depth) {
        Map<String, Object> out = new LinkedHashMap<>();
        hash.visitAll(
                hash.getRuntime().getCurrentContext(),
                new RubyHash.VisitorWithState<Map<String, Object>>() {
                    @Override
                    public void visit(
                            ThreadContext context,
                            RubyHash self,
                            IRubyObject key,
                            IRubyObject value,
                            int index,
                            Map<String, Object> target) {
                        target.put(keyString(key), toJava(value, depth));
                    }
                },
                out);
        return out;
    }

    /** Replaces the content of {@code target} with a plain Java copy of {@code hash}. */
    public static void copyInto(RubyHash hash, Map<String, Object> target) {
        Map<String, Object> converted = toJavaMap(hash, 0);
        target.clear();
        target.putAll(converted);
    }

    static String keyString(IRubyObject key) {
        if (key instanceof RubyString s) {
            return s.asJavaString();
        }
        if (key instanceof RubySymbol sym) {
            return sym.asJavaString();
        }
        Object plain = toJava(key);
        return plain instanceof Instant i
                ? io.logaggregate.event.Timestamps.format(i)
                : String.valueOf(plain);
    }
}
