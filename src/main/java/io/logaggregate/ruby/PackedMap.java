package io.logaggregate.ruby;

import io.logaggregate.event.Values;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jcodings.Encoding;
import org.jcodings.specific.USASCIIEncoding;
import org.jcodings.specific.UTF8Encoding;
import org.jruby.Ruby;
import org.jruby.RubyArray;
import org.jruby.RubyBignum;
import org.jruby.RubyBoolean;
import org.jruby.RubyFixnum;
import org.jruby.RubyFloat;
import org.jruby.RubyHash;
import org.jruby.RubyString;
import org.jruby.RubySymbol;
import org.jruby.runtime.ThreadContext;
import org.jruby.runtime.builtin.IRubyObject;
import org.jruby.util.ByteList;
import org.jruby.util.StringSupport;

/**
 * A task's map packed into one {@code byte[]}: what the aggregate keeps per open task between two
 * code calls. An open task costs a few hundred bytes this way instead of well over a kilobyte as a
 * LinkedHashMap of Strings (one entry object, one key String and one value String per entry, each
 * with its own array), and a code call unpacks it straight into the Ruby Hash the code sees and
 * packs the Hash straight back: no Java map in between, no UTF-16 round trip of the strings.
 *
 * <p>A packed map is never changed in place (each change makes a new array), so it is shared
 * freely: Flink's copy-on-write snapshots of the heap state copy the reference only.
 *
 * <p>Layout: count, then per entry a key and a value. A top-level key is a number in a dictionary
 * of key names shared by all maps of this JVM (field names repeat across every task), or, past
 * {@link #MAX_KEYS} names, the key's UTF-8 bytes inline. A value is a tag byte and its payload:
 * String as UTF-8 bytes, Integer as a zigzag varint, Float as 8 bytes, time as seconds and nanos,
 * Array and Hash by their elements (keys of nested Hashes are always inline). A String value that
 * repeats across tasks (a host, a relay, a status) is a number in a second dictionary shared by all
 * maps of this JVM, of repeated values ({@link RepeatedValues}): a postfix mail's map is a fifth of
 * its size this way. Neither dictionary leaves the JVM: {@link #writePortable} writes key names and
 * value text for Flink state and checkpoints, so the portable form is the same as without them.
 *
 * <p>The values are those of the event value model ({@link Values}); packing a Ruby Hash converts
 * exactly as {@link RubyValues#toJava} does, and unpacking builds exactly what {@link
 * RubyValues#toRuby} builds, so a map seen by Ruby behaves as it did with a Java map in between.
 */
public final class PackedMap {
    /** The empty map. */
    public static final byte[] EMPTY = {0};

    /** Key names in the dictionary at most; further names are stored inline in each map. */
    static final int MAX_KEYS = 4096;

    static final byte NULL = 0;
    static final byte TRUE = 1;
    static final byte FALSE = 2;
    static final byte LONG = 3;
    static final byte DOUBLE = 4;
    static final byte STRING = 5;
    static final byte INSTANT = 6;
    static final byte LIST = 7;
    static final byte MAP = 8;
    static final byte BIG_INTEGER = 9;

    /**
     * A String in the dictionary of repeated values ({@link RepeatedValues}) numbered 128 or more:
     * its number follows. Numbers 0 to 127 take one byte: {@link #SMALL_SHARED} + the number.
     */
    static final byte SHARED = 10;

    /**
     * A value byte with the high bit set is a repeated value's number (0 to 127) on its own: the
     * most frequent values are admitted first, and a map holds each in one byte.
     */
    static final int SMALL_SHARED = 0x80;

    /** Whether a value starting with {@code tag} is a repeated value's number. */
    static boolean isShared(byte tag) {
        return tag < 0 || tag == SHARED;
    }

    /** Deeper than this is almost surely a Hash or Array that contains itself. */
    static final int MAX_DEPTH = 1000;

    static final Encoding UTF8 = UTF8Encoding.INSTANCE;

    private PackedMap() {}

    // ------------------------------------------------------------------ Java side

    /** The packed form of a map of event values (keys by {@code String.valueOf}). */
    public static byte[] pack(Map<?, ?> map) {
        Out out = Out.get();
        try {
            out.varint(map.size());
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.topKey(String.valueOf(e.getKey()));
                out.java(e.getValue());
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    /** A new LinkedHashMap of the packed map's entries, in their order. */
    public static Map<String, Object> unpack(byte[] packed) {
        In in = new In(packed);
        int n = in.varint();
        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String key = in.topKey();
            m.put(key, in.java());
        }
        return m;
    }

    public static boolean isEmpty(byte[] packed) {
        return packed.length == 1 && packed[0] == 0;
    }

    /**
     * Writes the map in a form that does not depend on this JVM's key dictionary: count, then per
     * entry the key's UTF-8 bytes and the value's bytes, each with its length.
     */
    public static void writePortable(byte[] packed, DataOutput out) throws IOException {
        In in = new In(packed);
        int n = in.varint();
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            int k = in.varint();
            if (k > 0) {
                byte[] name = KeyNames.utf8(k - 1);
                out.writeInt(name.length);
                out.write(name);
            } else {
                int len = in.varint();
                out.writeInt(len);
                out.write(packed, in.pos, len);
                in.pos += len;
            }
            byte tag = packed[in.pos];
            if (isShared(tag) || tag == LIST || tag == MAP) {
                // may hold numbers of repeated values: written with their text
                Out text = Out.get();
                try {
                    text.portable(in);
                    out.writeInt(text.len);
                    out.write(text.buf, 0, text.len);
                } finally {
                    text.release();
                }
            } else {
                int start = in.pos;
                in.skipValue();
                out.writeInt(in.pos - start);
                out.write(packed, start, in.pos - start);
            }
        }
    }

    /**
     * Reads what {@link #writePortable} wrote. The values keep their text (no look-up in the
     * dictionary of repeated values: a backend that deserializes on every access, RocksDB, would
     * pay it each time); they are shared once a code call writes them again.
     */
    public static byte[] readPortable(DataInput in) throws IOException {
        int n = in.readInt();
        Out out = Out.get();
        try {
            out.varint(n);
            for (int i = 0; i < n; i++) {
                byte[] name = new byte[in.readInt()];
                in.readFully(name);
                out.topKey(new ByteList(name, UTF8, false));
                int len = in.readInt();
                out.ensure(len);
                in.readFully(out.buf, out.len, len);
                out.len += len;
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }

    // ------------------------------------------------------------------ Ruby side

    /** A new Ruby Hash of the packed map (what {@link RubyValues#toRubyHash} makes of it). */
    public static RubyHash toRubyHash(Ruby runtime, byte[] packed) {
        In in = new In(packed);
        int n = in.varint();
        RubyHash hash = RubyHash.newHash(runtime);
        for (int i = 0; i < n; i++) {
            int k = in.varint();
            RubyString key = k > 0 ? KeyNames.ruby(runtime, k - 1) : in.rubyKey(runtime);
            hash.fastASet(key, in.ruby(runtime));
        }
        return hash;
    }

    /**
     * The packed form of a Ruby Hash, converted as {@link RubyValues#toJavaMap} converts it.
     *
     * @throws org.jruby.exceptions.RaiseException (ArgumentError) for a Hash that contains itself
     */
    public static byte[] fromRubyHash(RubyHash hash) {
        if (!plainKeys(hash)) {
            // Symbol or other keys may collide once made Strings: the Java conversion decides
            return pack(RubyValues.toJavaMap(hash));
        }
        Out out = Out.get();
        try {
            out.varint(hash.size());
            ThreadContext context = hash.getRuntime().getCurrentContext();
            hash.visitAll(context, TOP_VISITOR, out);
            return out.toArray();
        } finally {
            out.release();
        }
    }

    private static final RubyHash.VisitorWithState<Out> TOP_VISITOR =
            new RubyHash.VisitorWithState<>() {
                @Override
                public void visit(
                        ThreadContext context,
                        RubyHash self,
                        IRubyObject key,
                        IRubyObject value,
                        int index,
                        Out out) {
                    out.topKey(((RubyString) key).getByteList());
                    out.ruby(value, 0);
                }
            };

    /** Nested Hash entries: keys inline. The depth travels in {@link Out#depth}. */
    private static final RubyHash.VisitorWithState<Out> NESTED_VISITOR =
            new RubyHash.VisitorWithState<>() {
                @Override
                public void visit(
                        ThreadContext context,
                        RubyHash self,
                        IRubyObject key,
                        IRubyObject value,
                        int index,
                        Out out) {
                    out.inline(((RubyString) key).getByteList());
                    out.ruby(value, out.depth);
                }
            };

    /**
     * True when every key is a String whose bytes are its text in UTF-8: then keys that differ in
     * Ruby differ as Java Strings too, and their bytes can be stored as they are.
     */
    private static boolean plainKeys(RubyHash hash) {
        boolean[] plain = {true};
        hash.visitAll(
                hash.getRuntime().getCurrentContext(),
                new RubyHash.VisitorWithState<boolean[]>() {
                    @Override
                    public void visit(
                            ThreadContext context,
                            RubyHash self,
                            IRubyObject key,
                            IRubyObject value,
                            int index,
                            boolean[] state) {
                        if (!(key instanceof RubyString s) || !utf8Bytes(s)) {
                            state[0] = false;
                        }
                    }
                },
                plain);
        return plain[0];
    }

    /** A String whose bytes are valid UTF-8 (what {@code asJavaString} would decode them to). */
    static boolean utf8Bytes(RubyString s) {
        Encoding enc = s.getEncoding();
        if (enc != UTF8 && enc != USASCIIEncoding.INSTANCE) {
            return false;
        }
        return s.scanForCodeRange() != StringSupport.CR_BROKEN;
    }

    // ------------------------------------------------------------------ writing

    /** A growable buffer, one per thread (a packing never calls another packing). */
    static final class Out {
        private static final ThreadLocal<Out> BUFFERS = ThreadLocal.withInitial(Out::new);
        private static final int KEEP = 64 * 1024;

        byte[] buf = new byte[256];
        int len;
        int depth;
        private boolean inUse;

        static Out get() {
            Out out = BUFFERS.get();
            if (out.inUse) {
                return new Out(); // re-entered (a to_s called back into us): a fresh one
            }
            out.inUse = true;
            out.len = 0;
            return out;
        }

        void release() {
            inUse = false;
            if (buf.length > KEEP) {
                buf = new byte[256];
            }
        }

        byte[] toArray() {
            return Arrays.copyOf(buf, len);
        }

        void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        void write(int b) {
            ensure(1);
            buf[len++] = (byte) b;
        }

        void write(byte[] b, int off, int n) {
            ensure(n);
            System.arraycopy(b, off, buf, len, n);
            len += n;
        }

        void varint(int v) {
            varlong(v & 0xFFFFFFFFL);
        }

        void varlong(long v) {
            ensure(10);
            while ((v & ~0x7FL) != 0) {
                buf[len++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            buf[len++] = (byte) v;
        }

        void zigzag(long v) {
            varlong((v << 1) ^ (v >> 63));
        }

        void topKey(String key) {
            topKey(new ByteList(key.getBytes(StandardCharsets.UTF_8), UTF8, false));
        }

        /** A top-level key: its dictionary number + 1, or 0 and its bytes. */
        void topKey(ByteList utf8) {
            int id = KeyNames.id(utf8);
            if (id >= 0) {
                varint(id + 1);
            } else {
                varint(0);
                inline(utf8);
            }
        }

        void inline(ByteList utf8) {
            varint(utf8.realSize());
            write(utf8.unsafeBytes(), utf8.begin(), utf8.realSize());
        }

        void inline(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varint(b.length);
            write(b, 0, b.length);
        }

        /** A String value: its number among the repeated values, or its tag and bytes. */
        void string(byte[] utf8, int off, int len) {
            int id = RepeatedValues.id(utf8, off, len);
            if (id >= 0) {
                RepeatedValues.write(this, id);
            } else {
                write(STRING);
                varint(len);
                write(utf8, off, len);
            }
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            string(b, 0, b.length);
        }

        void string(ByteList utf8) {
            string(utf8.unsafeBytes(), utf8.begin(), utf8.realSize());
        }

        /**
         * Copies one value from {@code in} with the text of repeated values instead of their
         * numbers (what {@link #writePortable} writes).
         */
        void portable(In in) {
            byte[] src = in.buf;
            int start = in.pos;
            byte tag = src[in.pos];
            if (isShared(tag)) {
                byte[] text = RepeatedValues.utf8(RepeatedValues.read(in));
                write(STRING);
                varint(text.length);
                write(text, 0, text.length);
                return;
            }
            switch (tag) {
                case LIST -> {
                    in.pos++;
                    int n = in.varint();
                    write(LIST);
                    varint(n);
                    for (int i = 0; i < n; i++) {
                        portable(in);
                    }
                }
                case MAP -> {
                    in.pos++;
                    int n = in.varint();
                    write(MAP);
                    varint(n);
                    for (int i = 0; i < n; i++) {
                        int keyStart = in.pos;
                        int keyLength = in.varint();
                        in.pos += keyLength;
                        write(src, keyStart, in.pos - keyStart);
                        portable(in);
                    }
                }
                default -> {
                    in.skipValue();
                    write(src, start, in.pos - start);
                }
            }
        }

        /** A Java event value (normalized first when it is not one). */
        void java(Object v) {
            if (v == null) {
                write(NULL);
            } else if (v instanceof String s) {
                string(s);
            } else if (v instanceof Long l) {
                write(LONG);
                zigzag(l);
            } else if (v instanceof Double d) {
                write(DOUBLE);
                fixed64(Double.doubleToRawLongBits(d));
            } else if (v instanceof Boolean b) {
                write(b ? TRUE : FALSE);
            } else if (v instanceof Instant i) {
                write(INSTANT);
                zigzag(i.getEpochSecond());
                varint(i.getNano());
            } else if (v instanceof List<?> l) {
                write(LIST);
                varint(l.size());
                for (Object o : l) {
                    java(o);
                }
            } else if (v instanceof Map<?, ?> m) {
                write(MAP);
                varint(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    inline(String.valueOf(e.getKey()));
                    java(e.getValue());
                }
            } else if (v instanceof BigInteger bi) {
                write(BIG_INTEGER);
                byte[] b = bi.toByteArray();
                varint(b.length);
                write(b, 0, b.length);
            } else {
                Object normalized = Values.normalize(v);
                if (normalized == v) {
                    throw new IllegalArgumentException("Not an event value: " + v.getClass());
                }
                java(normalized);
            }
        }

        private void fixed64(long bits) {
            ensure(8);
            for (int shift = 56; shift >= 0; shift -= 8) {
                buf[len++] = (byte) (bits >>> shift);
            }
        }

        /** A Ruby value, converted as {@link RubyValues#toJava} converts it at that depth. */
        void ruby(IRubyObject value, int depth) {
            if (value == null || value.isNil()) {
                write(NULL);
            } else if (value instanceof RubyString s) {
                if (utf8Bytes(s)) {
                    string(s.getByteList());
                } else {
                    string(s.asJavaString());
                }
            } else if (value instanceof RubyFixnum f) {
                write(LONG);
                zigzag(f.getLongValue());
            } else if (value instanceof RubyFloat f) {
                write(DOUBLE);
                fixed64(Double.doubleToRawLongBits(f.getDoubleValue()));
            } else if (value instanceof RubyBoolean) {
                write(value.isTrue() ? TRUE : FALSE);
            } else if (value instanceof RubySymbol sym) {
                string(sym.asJavaString());
            } else if (depth > MAX_DEPTH) {
                // the conversion raises its ArgumentError for what is nested too deeply
                java(RubyValues.toJava(value, depth));
            } else if (value instanceof RubyHash hash) {
                if (!plainKeys(hash)) {
                    java(RubyValues.toJava(value, depth));
                    return;
                }
                write(MAP);
                varint(hash.size());
                int outer = this.depth;
                this.depth = depth + 1;
                try {
                    hash.visitAll(hash.getRuntime().getCurrentContext(), NESTED_VISITOR, this);
                } finally {
                    this.depth = outer;
                }
            } else if (value instanceof RubyArray<?> array) {
                write(LIST);
                int n = array.size();
                varint(n);
                for (int i = 0; i < n; i++) {
                    ruby(array.eltInternal(i), depth + 1);
                }
            } else {
                java(RubyValues.toJava(value, depth));
            }
        }
    }

    // ------------------------------------------------------------------ reading

    static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        int varint() {
            return (int) varlong();
        }

        long varlong() {
            long v = 0;
            int shift = 0;
            while (true) {
                byte b = buf[pos++];
                v |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return v;
                }
                shift += 7;
            }
        }

        long zigzag() {
            long v = varlong();
            return (v >>> 1) ^ -(v & 1);
        }

        long fixed64() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (buf[pos++] & 0xFF);
            }
            return v;
        }

        String string() {
            int n = varint();
            String s = new String(buf, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        String topKey() {
            int k = varint();
            return k > 0 ? KeyNames.string(k - 1) : string();
        }

        RubyString rubyString(Ruby runtime) {
            int n = varint();
            RubyString s = RubyString.newString(runtime, new ByteList(buf, pos, n, UTF8, true));
            pos += n;
            return s;
        }

        /** A Hash key as {@link RubyValues#toRubyHash} makes it: a frozen String. */
        RubyString rubyKey(Ruby runtime) {
            RubyString key = rubyString(runtime);
            key.setFrozen(true);
            return key;
        }

        Object java() {
            byte tag = buf[pos];
            if (isShared(tag)) {
                return RepeatedValues.string(RepeatedValues.read(this));
            }
            pos++;
            switch (tag) {
                case NULL:
                    return null;
                case TRUE:
                    return Boolean.TRUE;
                case FALSE:
                    return Boolean.FALSE;
                case LONG:
                    return zigzag();
                case DOUBLE:
                    return Double.longBitsToDouble(fixed64());
                case STRING:
                    return string();
                case INSTANT:
                    {
                        long seconds = zigzag();
                        return Instant.ofEpochSecond(seconds, varint());
                    }
                case LIST:
                    {
                        int n = varint();
                        List<Object> l = new ArrayList<>(n);
                        for (int i = 0; i < n; i++) {
                            l.add(java());
                        }
                        return l;
                    }
                case MAP:
                    {
                        int n = varint();
                        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
                        for (int i = 0; i < n; i++) {
                            String k = string();
                            m.put(k, java());
                        }
                        return m;
                    }
                case BIG_INTEGER:
                    {
                        int n = varint();
                        BigInteger bi = new BigInteger(buf, pos, n);
                        pos += n;
                        return bi;
                    }
                default:
                    throw new IllegalStateException("corrupt packed map: tag " + tag);
            }
        }

        IRubyObject ruby(Ruby runtime) {
            byte tag = buf[pos];
            if (isShared(tag)) {
                return RepeatedValues.ruby(runtime, RepeatedValues.read(this));
            }
            pos++;
            switch (tag) {
                case NULL:
                    return runtime.getNil();
                case TRUE:
                    return runtime.getTrue();
                case FALSE:
                    return runtime.getFalse();
                case LONG:
                    return RubyFixnum.newFixnum(runtime, zigzag());
                case DOUBLE:
                    return RubyFloat.newFloat(runtime, Double.longBitsToDouble(fixed64()));
                case STRING:
                    return rubyString(runtime);
                case INSTANT:
                    {
                        long seconds = zigzag();
                        return RubyTimestamp.newTimestamp(
                                runtime, Instant.ofEpochSecond(seconds, varint()));
                    }
                case LIST:
                    {
                        int n = varint();
                        RubyArray<IRubyObject> a = RubyArray.newArray(runtime, n);
                        for (int i = 0; i < n; i++) {
                            a.append(ruby(runtime));
                        }
                        return a;
                    }
                case MAP:
                    {
                        int n = varint();
                        RubyHash h = RubyHash.newHash(runtime);
                        for (int i = 0; i < n; i++) {
                            RubyString k = rubyKey(runtime);
                            h.fastASet(k, ruby(runtime));
                        }
                        return h;
                    }
                case BIG_INTEGER:
                    {
                        int n = varint();
                        BigInteger bi = new BigInteger(buf, pos, n);
                        pos += n;
                        return RubyBignum.newBignum(runtime, bi);
                    }
                default:
                    throw new IllegalStateException("corrupt packed map: tag " + tag);
            }
        }

        /** Moves past one value. */
        void skipValue() {
            byte tag = buf[pos++];
            if (tag < 0) {
                return; // a repeated value's number, in the tag
            }
            switch (tag) {
                case NULL, TRUE, FALSE -> {}
                case LONG, SHARED -> varlong();
                case DOUBLE -> pos += 8;
                case STRING, BIG_INTEGER -> {
                    int n = varint(); // not pos += varint(): that reads pos before varint moves it
                    pos += n;
                }
                case INSTANT -> {
                    varlong();
                    varint();
                }
                case LIST -> {
                    int n = varint();
                    for (int i = 0; i < n; i++) {
                        skipValue();
                    }
                }
                case MAP -> {
                    int n = varint();
                    for (int i = 0; i < n; i++) {
                        int keyLength = varint();
                        pos += keyLength;
                        skipValue();
                    }
                }
                default -> throw new IllegalStateException("corrupt packed map: tag " + tag);
            }
        }
    }
}
