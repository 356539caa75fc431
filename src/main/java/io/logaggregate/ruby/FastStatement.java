package io.logaggregate.ruby;

import io.logaggregate.event.FieldRef;
import org.jruby.exceptions.RaiseException;
import org.jruby.runtime.CallSite;
import org.jruby.runtime.MethodIndex;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * One statement of fast code ({@link FastAggregateCode}). Each does what its Ruby does to the Hash
 * and the event, with the same result: the common cases in Java on the packed map, and whatever
 * else (a type the statement does not expect, an Integer overflow) by calling the Ruby method
 * itself on the live value, so that results and exceptions are Ruby's.
 */
abstract class FastStatement {
    /** The statement's line within the snippet (1-based), as Ruby's backtrace gives it. */
    final int line;

    FastStatement(int line) {
        this.line = line;
    }

    abstract void run(FastCall c) throws RubyCodeException;

    /** {@code map['k'] ||= value}: sets the key when it holds nil or false or is missing. */
    static final class OrAssign extends FastStatement {
        private final FastKey key;
        private final FastExpr value;

        OrAssign(int line, FastKey key, FastExpr value) {
            super(line);
            this.key = key;
            this.value = value;
        }

        @Override
        void run(FastCall c) {
            int i = c.map.find(key);
            if (i >= 0 && c.map.truthy(i)) {
                return;
            }
            c.map.put(key, i, value.mapValue(c));
        }
    }

    /** {@code map['k'] = value}. */
    static final class Assign extends FastStatement {
        private final FastKey key;
        private final FastExpr value;

        Assign(int line, FastKey key, FastExpr value) {
            super(line);
            this.key = key;
            this.value = value;
        }

        @Override
        void run(FastCall c) {
            c.map.put(key, c.map.find(key), value.mapValue(c));
        }
    }

    /**
     * {@code map['k'] << value}: on an Array, appends; on anything else (nil, a String, an
     * Integer...) Ruby's own {@code <<} runs on the value, which raises or changes it as in Ruby.
     */
    static final class Append extends FastStatement {
        private final FastKey key;
        private final FastExpr value;
        private final CallSite shift = MethodIndex.getCallSite("<<");

        Append(int line, FastKey key, FastExpr value) {
            super(line);
            this.key = key;
            this.value = value;
        }

        @Override
        void run(FastCall c) throws RubyCodeException {
            MapEditor m = c.map;
            int i = m.find(key);
            IRubyObject arg;
            if (i >= 0 && m.tag(i) == PackedMap.LIST) {
                Object v = value.mapValue(c);
                if (v instanceof byte[] element) {
                    m.appendToList(i, element);
                    return;
                }
                arg = (IRubyObject) v;
            } else {
                arg = value.rubyValue(c);
            }
            IRubyObject receiver = i >= 0 ? m.ruby(i) : c.runtime.getNil();
            try {
                shift.call(c.context(), c.self, receiver, arg);
            } catch (RaiseException e) {
                throw c.raised(e, line);
            }
        }
    }

    /**
     * {@code map['k'] += value}: Integer + Integer in Java while it stays within 64 bits; anything
     * else (nil, Floats, Strings, an overflow into a Bignum) by Ruby's own {@code +}.
     */
    static final class AddAssign extends FastStatement {
        private final FastKey key;
        private final FastExpr value;
        private final CallSite plus = MethodIndex.getCallSite("+");

        AddAssign(int line, FastKey key, FastExpr value) {
            super(line);
            this.key = key;
            this.value = value;
        }

        @Override
        void run(FastCall c) throws RubyCodeException {
            MapEditor m = c.map;
            int i = m.find(key);
            IRubyObject arg;
            if (i >= 0 && m.tag(i) == PackedMap.LONG) {
                Object v = value.mapValue(c);
                if (v instanceof byte[] b && b[0] == PackedMap.LONG) {
                    long a = m.longValue(i);
                    long x = longOf(b);
                    long r = a + x;
                    if (((a ^ r) & (x ^ r)) >= 0) { // no overflow
                        m.put(key, i, FastExpr.pack(r));
                        return;
                    }
                }
                arg = v instanceof IRubyObject r ? r : rubyOf(c, (byte[]) v);
            } else {
                arg = value.rubyValue(c);
            }
            IRubyObject receiver = i >= 0 ? m.ruby(i) : c.runtime.getNil();
            IRubyObject result;
            try {
                result = plus.call(c.context(), c.self, receiver, arg);
            } catch (RaiseException e) {
                throw c.raised(e, line);
            }
            m.put(key, i, result);
        }

        private static long longOf(byte[] packed) {
            PackedMap.In in = new PackedMap.In(packed);
            in.pos = 1;
            return in.zigzag();
        }

        private static IRubyObject rubyOf(FastCall c, byte[] packed) {
            return new PackedMap.In(packed).ruby(c.runtime);
        }
    }

    /** {@code event.set('ref', value)} (or {@code event['ref'] = value}). */
    static final class EventSet extends FastStatement {
        private final FieldRef ref;
        private final FastExpr value;

        EventSet(int line, FieldRef ref, FastExpr value) {
            super(line);
            this.ref = ref;
            this.value = value;
        }

        @Override
        void run(FastCall c) throws RubyCodeException {
            Object v;
            try {
                v = value.javaValue(c);
            } catch (RaiseException e) {
                throw c.raised(e, line);
            }
            try {
                c.event.set(ref, v);
            } catch (IllegalArgumentException e) {
                throw c.typeError(e, line);
            }
        }
    }

    /** {@code event.cancel} (or {@code event.cancel()}). */
    static final class EventCancel extends FastStatement {
        EventCancel(int line) {
            super(line);
        }

        @Override
        void run(FastCall c) {
            c.event.cancel();
        }
    }

    /** {@code event.tag('name')}. */
    static final class EventTag extends FastStatement {
        private final String tag;

        EventTag(int line, String tag) {
            super(line);
            this.tag = tag;
        }

        @Override
        void run(FastCall c) {
            c.event.tag(tag);
        }
    }

    /** {@code event.remove('ref')}. */
    static final class EventRemove extends FastStatement {
        private final FieldRef ref;

        EventRemove(int line, FieldRef ref) {
            super(line);
            this.ref = ref;
        }

        @Override
        void run(FastCall c) {
            Object removed = c.event.remove(ref);
            if (!FastExpr.plain(removed, 0)) {
                // the JRuby path converts what remove returns; that conversion may raise
                RubyValues.toRuby(c.runtime, removed);
            }
        }
    }
}
