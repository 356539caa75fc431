package io.logaggregate.ruby;

import java.util.Arrays;
import org.jruby.Ruby;
import org.jruby.runtime.builtin.IRubyObject;

/**
 * A task's packed map ({@link PackedMap}) opened for one fast code call ({@link
 * FastAggregateCode}): the entries are found in the packed bytes, changed entries are held aside,
 * and {@link #commit} writes the new packed map. It stands for the Ruby Hash the JRuby path builds
 * and packs back, and it gives the same bytes.
 *
 * <p>An entry's value is, in order of preference: its bytes in the packed map (untouched), a new
 * packed value ({@code byte[]}, never changed in place: several calls may share a constant one), or
 * a live Ruby object, for what only Ruby can do exactly (a value of an unusual type, the result of
 * a method that the fast code leaves to JRuby). A live object is packed at {@link #commit} as the
 * JRuby path packs its Hash, so it behaves as it would in that Hash: it is the only reference to
 * it, and Ruby methods change it in place.
 *
 * <p>Why the untouched bytes are the bytes the JRuby path would write: every packed value turns
 * into a Ruby value and back into the same bytes (strings are always valid UTF-8, times and numbers
 * exact), except an Integer packed as a BigInteger that fits in 64 bits (the Ruby path writes it as
 * a long): such entries are turned into live Ruby objects when the map is opened. One difference is
 * left, of encoding only: a string value written with its text may since have become a repeated
 * value ({@link RepeatedValues}), which the JRuby path would write as its number; both forms are
 * the same string, and {@link PackedMap#writePortable} writes the same bytes for both.
 */
final class MapEditor {
    /**
     * Values nested deeper than this are left to the JRuby path (which raises past {@link
     * PackedMap#MAX_DEPTH} when it packs them).
     */
    static final int MAX_FAST_DEPTH = 100;

    private final Ruby runtime;
    private final byte[] src;
    private int size;

    /**
     * Per entry, {@link #STRIDE} ints: the key's number in the key dictionary (-1 for a key stored
     * inline), where its encoded key starts in {@link #src}, where its value starts (the key's end)
     * and where the value ends. Entries added by the code have only the first.
     */
    private int[] entries;

    /** The key of an entry added by the code; null for entries of the packed map. */
    private FastKey[] added;

    /**
     * Null until a value changes; then per entry null (the bytes in {@link #src}), a byte[] (a
     * packed value) or a live IRubyObject.
     */
    private Object[] value;

    private boolean changed;

    private static final int STRIDE = 4;
    private static final int ID = 0;
    private static final int KEY = 1;
    private static final int VALUE = 2;
    private static final int END = 3;

    private MapEditor(Ruby runtime, byte[] src, int capacity) {
        this.runtime = runtime;
        this.src = src;
        entries = new int[capacity * STRIDE];
    }

    /**
     * Opens a packed map, or returns null when a value is nested deeper than {@link
     * #MAX_FAST_DEPTH} (the caller then runs the JRuby path).
     */
    static MapEditor open(Ruby runtime, byte[] packed) {
        PackedMap.In in = new PackedMap.In(packed);
        int n = in.varint();
        MapEditor m = new MapEditor(runtime, packed, n + 2);
        m.size = n;
        int[] e = m.entries;
        for (int i = 0, at = 0; i < n; i++, at += STRIDE) {
            e[at + KEY] = in.pos;
            int k = in.varint();
            if (k > 0) {
                e[at + ID] = k - 1;
            } else {
                e[at + ID] = -1;
                int len = in.varint();
                in.pos += len;
            }
            e[at + VALUE] = in.pos;
            int scanned = scan(in, 0);
            if (scanned < 0) {
                return null;
            }
            e[at + END] = in.pos;
            if (scanned == BIG) {
                // the JRuby path normalizes it (a BigInteger within 64 bits becomes a long)
                m.values()[i] = m.rubyOfBytes(packed, e[at + VALUE]);
                m.changed = true;
            }
        }
        return m;
    }

    private Object[] values() {
        if (value == null) {
            value = new Object[entries.length / STRIDE];
        }
        return value;
    }

    private static final int BIG = 1;

    /** Moves past one value: -1 if nested too deeply, {@link #BIG} if it holds a BigInteger. */
    private static int scan(PackedMap.In in, int depth) {
        byte[] buf = in.buf;
        byte tag = buf[in.pos++];
        if (tag < 0) {
            return 0; // a repeated value's number, in the tag
        }
        switch (tag) {
            case PackedMap.NULL, PackedMap.TRUE, PackedMap.FALSE:
                return 0;
            case PackedMap.LONG, PackedMap.SHARED:
                in.varlong();
                return 0;
            case PackedMap.DOUBLE:
                in.pos += 8;
                return 0;
            case PackedMap.STRING:
                {
                    int n = in.varint();
                    in.pos += n;
                    return 0;
                }
            case PackedMap.BIG_INTEGER:
                {
                    int n = in.varint();
                    in.pos += n;
                    return BIG;
                }
            case PackedMap.INSTANT:
                in.varlong();
                in.varint();
                return 0;
            case PackedMap.LIST:
                {
                    if (depth >= MAX_FAST_DEPTH) {
                        return -1;
                    }
                    int n = in.varint();
                    int found = 0;
                    for (int i = 0; i < n; i++) {
                        int r = scan(in, depth + 1);
                        if (r < 0) {
                            return r;
                        }
                        found |= r;
                    }
                    return found;
                }
            case PackedMap.MAP:
                {
                    if (depth >= MAX_FAST_DEPTH) {
                        return -1;
                    }
                    int n = in.varint();
                    int found = 0;
                    for (int i = 0; i < n; i++) {
                        int keyLength = in.varint();
                        in.pos += keyLength;
                        int r = scan(in, depth + 1);
                        if (r < 0) {
                            return r;
                        }
                        found |= r;
                    }
                    return found;
                }
            default:
                throw new IllegalStateException("corrupt packed map: tag " + tag);
        }
    }

    // ------------------------------------------------------------------ reading

    /** The entry of {@code key}, or -1 (Hash#[] gives nil then: the map has no default). */
    int find(FastKey key) {
        int[] e = entries;
        for (int i = 0; i < size; i++) {
            int id = e[i * STRIDE + ID];
            if (key.id >= 0 ? id == key.id : id < 0 && inlineKeyIs(i, key)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the inline key of entry {@code i} is {@code key} (the key dictionary is full). */
    private boolean inlineKeyIs(int i, FastKey key) {
        FastKey a = added == null ? null : added[i];
        if (a != null) {
            return Arrays.equals(a.utf8, key.utf8);
        }
        PackedMap.In in = new PackedMap.In(src);
        in.pos = entries[i * STRIDE + KEY];
        in.varint(); // 0: inline
        int len = in.varint();
        return Arrays.equals(src, in.pos, in.pos + len, key.utf8, 0, key.utf8.length);
    }

    private Object valueOf(int i) {
        return value == null ? null : value[i];
    }

    /** Ruby truthiness of entry {@code i}: anything but nil and false. */
    boolean truthy(int i) {
        Object v = valueOf(i);
        if (v == null) {
            byte tag = src[entries[i * STRIDE + VALUE]];
            return tag != PackedMap.NULL && tag != PackedMap.FALSE;
        }
        if (v instanceof byte[] b) {
            return b[0] != PackedMap.NULL && b[0] != PackedMap.FALSE;
        }
        return ((IRubyObject) v).isTrue();
    }

    /** What {@link #tag} gives for an entry holding a live Ruby object: no packed tag. */
    static final byte LIVE = Byte.MAX_VALUE;

    /**
     * The packed tag of entry {@code i} (a repeated String's is negative or SHARED), or {@link
     * #LIVE} when it holds a live Ruby object.
     */
    byte tag(int i) {
        Object v = valueOf(i);
        if (v == null) {
            return src[entries[i * STRIDE + VALUE]];
        }
        return v instanceof byte[] b ? b[0] : LIVE;
    }

    /** The Integer of a packed entry whose {@link #tag} is LONG. */
    long longValue(int i) {
        Object v = valueOf(i);
        PackedMap.In in = v == null ? new PackedMap.In(src) : new PackedMap.In((byte[]) v);
        in.pos = v == null ? entries[i * STRIDE + VALUE] + 1 : 1;
        return in.zigzag();
    }

    /**
     * Entry {@code i} as a live Ruby object, which from now on is the entry's value: what Ruby does
     * to it (a method that changes it in place) is in the map.
     */
    IRubyObject ruby(int i) {
        Object v = valueOf(i);
        if (v instanceof IRubyObject r) {
            return r;
        }
        IRubyObject r =
                v == null
                        ? rubyOfBytes(src, entries[i * STRIDE + VALUE])
                        : rubyOfBytes((byte[]) v, 0);
        values()[i] = r;
        changed = true;
        return r;
    }

    /** Entry {@code i} as {@link RubyValues#toJava} makes it of the Ruby value (a copy). */
    Object java(int i) {
        Object v = valueOf(i);
        if (v instanceof IRubyObject r) {
            return RubyValues.toJava(r);
        }
        PackedMap.In in;
        if (v == null) {
            in = new PackedMap.In(src);
            in.pos = entries[i * STRIDE + VALUE];
            if (src[in.pos] == PackedMap.STRING) {
                in.pos++;
                return in.string();
            }
            if (PackedMap.isShared(src[in.pos])) {
                return RepeatedValues.string(RepeatedValues.read(in));
            }
        } else {
            in = new PackedMap.In((byte[]) v);
        }
        return in.java();
    }

    private IRubyObject rubyOfBytes(byte[] bytes, int at) {
        PackedMap.In in = new PackedMap.In(bytes);
        in.pos = at;
        return in.ruby(runtime);
    }

    // ------------------------------------------------------------------ changing

    /**
     * Sets {@code key} to {@code v} (a packed value or a live Ruby object); {@code i} is the entry
     * of {@code key} from {@link #find}, or -1 to add it at the end, as Hash#[]= does.
     */
    void put(FastKey key, int i, Object v) {
        changed = true;
        if (i >= 0) {
            values()[i] = v;
            return;
        }
        if ((size + 1) * STRIDE > entries.length) {
            int n = size * 2 + 4;
            entries = Arrays.copyOf(entries, n * STRIDE);
            if (value != null) {
                value = Arrays.copyOf(value, n);
            }
            if (added != null) {
                added = Arrays.copyOf(added, n);
            }
        }
        if (added == null) {
            added = new FastKey[entries.length / STRIDE];
        }
        added[size] = key;
        entries[size * STRIDE + ID] = key.id;
        values()[size] = v;
        size++;
    }

    /**
     * Appends a packed element to entry {@code i}, whose {@link #tag} is LIST (Array#<<): a new
     * packed list of one more element.
     */
    void appendToList(int i, byte[] element) {
        Object v = valueOf(i);
        byte[] bytes;
        int start;
        int end;
        if (v == null) {
            bytes = src;
            start = entries[i * STRIDE + VALUE];
            end = entries[i * STRIDE + END];
        } else {
            bytes = (byte[]) v;
            start = 0;
            end = bytes.length;
        }
        PackedMap.In in = new PackedMap.In(bytes);
        in.pos = start + 1;
        int count = in.varint();
        int elements = in.pos;
        int n = end - elements;
        byte[] out = new byte[1 + varintSize(count + 1) + n + element.length];
        out[0] = PackedMap.LIST;
        int at = writeVarint(out, 1, count + 1);
        System.arraycopy(bytes, elements, out, at, n);
        System.arraycopy(element, 0, out, at + n, element.length);
        values()[i] = out;
        changed = true;
    }

    static int varintSize(int v) {
        long x = v & 0xFFFFFFFFL;
        int n = 1;
        while ((x & ~0x7FL) != 0) {
            x >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code v} as PackedMap's varint at {@code at}; returns the position after it. */
    static int writeVarint(byte[] out, int at, int v) {
        long x = v & 0xFFFFFFFFL;
        while ((x & ~0x7FL) != 0) {
            out[at++] = (byte) ((x & 0x7F) | 0x80);
            x >>>= 7;
        }
        out[at++] = (byte) x;
        return at;
    }

    // ------------------------------------------------------------------ writing

    /**
     * The packed map after the changes: the same array when nothing changed.
     *
     * @throws org.jruby.exceptions.RaiseException when a live Ruby value cannot be packed (as the
     *     JRuby path raises packing its Hash)
     */
    byte[] commit() {
        if (!changed) {
            return src;
        }
        // the exact size, unless a live Ruby value is left to PackedMap's packing
        int length = varintSize(size);
        for (int i = 0; i < size; i++) {
            int at = i * STRIDE;
            FastKey a = added == null ? null : added[i];
            length += a == null ? entries[at + VALUE] - entries[at + KEY] : a.encoded.length;
            Object v = valueOf(i);
            if (v == null) {
                length += entries[at + END] - entries[at + VALUE];
            } else if (v instanceof byte[] b) {
                length += b.length;
            } else {
                return commitWithRuby();
            }
        }
        byte[] out = new byte[length];
        int pos = writeVarint(out, 0, size);
        for (int i = 0; i < size; i++) {
            int at = i * STRIDE;
            FastKey a = added == null ? null : added[i];
            if (a == null) {
                int n = entries[at + VALUE] - entries[at + KEY];
                System.arraycopy(src, entries[at + KEY], out, pos, n);
                pos += n;
            } else {
                System.arraycopy(a.encoded, 0, out, pos, a.encoded.length);
                pos += a.encoded.length;
            }
            Object v = valueOf(i);
            if (v == null) {
                int n = entries[at + END] - entries[at + VALUE];
                System.arraycopy(src, entries[at + VALUE], out, pos, n);
                pos += n;
            } else {
                byte[] b = (byte[]) v;
                System.arraycopy(b, 0, out, pos, b.length);
                pos += b.length;
            }
        }
        return out;
    }

    private byte[] commitWithRuby() {
        PackedMap.Out out = PackedMap.Out.get();
        try {
            out.varint(size);
            for (int i = 0; i < size; i++) {
                int at = i * STRIDE;
                FastKey a = added == null ? null : added[i];
                if (a == null) {
                    out.write(src, entries[at + KEY], entries[at + VALUE] - entries[at + KEY]);
                } else {
                    out.write(a.encoded, 0, a.encoded.length);
                }
                Object v = valueOf(i);
                if (v == null) {
                    out.write(src, entries[at + VALUE], entries[at + END] - entries[at + VALUE]);
                } else if (v instanceof byte[] b) {
                    out.write(b, 0, b.length);
                } else {
                    out.ruby((IRubyObject) v, 0);
                }
            }
            return out.toArray();
        } finally {
            out.release();
        }
    }
}
