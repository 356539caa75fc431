package io.logaggregate.ruby;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jruby.Ruby;
import org.jruby.RubyString;
import org.jruby.util.ByteList;

/**
 * String values that repeat across tasks, by number, shared by every map of this JVM (this class
 * loader): a map holds a repeated value's number (1 byte for the first 128, else 2 to 4) instead of
 * its text.
 *
 * <p>Bounded, and not filled by unique values (message ids, sizes, times): a value of {@link
 * #MIN_BYTES} to {@link #MAX_BYTES} bytes is admitted the second time it is packed within a window
 * of {@link #WINDOW} first sightings (a Bloom filter of what was seen, cleared after each window,
 * so unique values leave few false "seen" bits), and none is admitted past {@link #MAX_VALUES}. A
 * value never leaves the dictionary: packed maps refer to it by number. It costs its bytes and ~30
 * more (at most ~3 MB), nothing else is cached per value: a value admitted by chance costs little.
 * A value of one byte is only worth a one-byte number.
 *
 * <p>Packing looks values up without a lock or an allocation: the open-addressing table is read
 * with acquire loads of its slots, written under the class lock with release stores, and replaced
 * whole (a volatile write) when it grows. The filter is a plain array updated without a lock: a
 * lost update only admits a value a sighting later or earlier.
 */
final class RepeatedValues {
    static final int MIN_BYTES = 1;
    static final int MAX_BYTES = 64;
    static final int MAX_VALUES = 1 << 15;
    static final int WINDOW = 1 << 12;

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

    /** A table of {@code values.length} values at most, slots twice that (a power of two). */
    private static final class Table {
        // per slot two ints: value number + 1 (0: a free slot) and the value's hash, so that
        // a probe reads the value's bytes only when the hash matches
        final int[] slots;
        final byte[][] values;

        Table(int capacity) {
            slots = new int[capacity * 4];
            values = new byte[capacity][];
        }
    }

    private static volatile Table table = new Table(256);
    private static int size; // under the class lock

    // 16 KB, a few % of it set per window: few false "seen", and it stays in the CPU's cache
    private static final int FILTER_BITS = 1 << 17;
    private static final long[] seen = new long[FILTER_BITS / 64];
    private static int sightings;

    private RepeatedValues() {}

    /**
     * The number of the value with these UTF-8 bytes, or -1 when it is to be stored inline (not
     * repeated yet, outside the lengths taken, or the dictionary is full).
     */
    static int id(byte[] b, int off, int len) {
        if (len < MIN_BYTES || len > MAX_BYTES) {
            return -1;
        }
        int h = hash(b, off, len);
        int id = find(table, b, off, len, h);
        if (id >= 0) {
            return len > 1 || id < 128 ? id : -1;
        }
        // (a racy read of size: add checks again under the lock)
        if (size >= (len > 1 ? MAX_VALUES : 128) || !seenBefore(h)) {
            return -1;
        }
        return add(b, off, len, h);
    }

    /**
     * As {@link #id}, for a value known to repeat (a string literal of the code, written into every
     * task that runs it): admitted at once.
     */
    static int idOfRepeated(byte[] b, int off, int len) {
        if (len < MIN_BYTES || len > MAX_BYTES) {
            return -1;
        }
        int h = hash(b, off, len);
        int id = find(table, b, off, len, h);
        id = id >= 0 ? id : add(b, off, len, h);
        return len > 1 || id < 128 ? id : -1;
    }

    private static int find(Table t, byte[] b, int off, int len, int h) {
        int[] slots = t.slots;
        int mask = slots.length / 2 - 1;
        for (int i = h & mask; ; i = (i + 1) & mask) {
            int slot = (int) SLOT.getAcquire(slots, 2 * i);
            if (slot == 0) {
                return -1;
            }
            if (slots[2 * i + 1] == h) {
                byte[] v = t.values[slot - 1];
                if (v.length == len && Arrays.equals(v, 0, len, b, off, off + len)) {
                    return slot - 1;
                }
            }
        }
    }

    private static synchronized int add(byte[] b, int off, int len, int h) {
        Table t = table;
        int id = find(t, b, off, len, h);
        if (id >= 0) {
            return id;
        }
        if (size >= MAX_VALUES) {
            return -1;
        }
        if (size == t.values.length) {
            t = grow(t);
        }
        id = size;
        t.values[id] = Arrays.copyOfRange(b, off, off + len);
        put(t, id, h);
        size++;
        return id;
    }

    /** A table of twice the capacity holding the same values, published before it is used. */
    private static Table grow(Table t) {
        Table g = new Table(t.values.length * 2);
        for (int id = 0; id < size; id++) {
            g.values[id] = t.values[id];
            put(g, id, hash(g.values[id], 0, g.values[id].length));
        }
        table = g;
        return g;
    }

    private static void put(Table t, int id, int h) {
        int mask = t.slots.length / 2 - 1;
        int i = h & mask;
        while (t.slots[2 * i] != 0) {
            i = (i + 1) & mask;
        }
        t.slots[2 * i + 1] = h;
        SLOT.setRelease(t.slots, 2 * i, id + 1); // after the hash and the value: found complete
    }

    /** Whether the value of hash {@code h} was seen in this window; notes that it was. */
    private static boolean seenBefore(int h) {
        long x = mix(h);
        int a = (int) x & (FILTER_BITS - 1);
        int b = (int) (x >>> 32) & (FILTER_BITS - 1);
        long[] bits = seen;
        boolean before = (bits[a >>> 6] & (1L << a)) != 0 && (bits[b >>> 6] & (1L << b)) != 0;
        if (!before) {
            if (++sightings >= WINDOW) {
                Arrays.fill(bits, 0L);
                sightings = 0;
            } else {
                bits[a >>> 6] |= 1L << a;
                bits[b >>> 6] |= 1L << b;
            }
        }
        return before;
    }

    private static int hash(byte[] b, int off, int len) {
        int h = 0;
        for (int i = off, end = off + len; i < end; i++) {
            h = 31 * h + b[i];
        }
        return (int) mix(h);
    }

    /** Murmur3's 64-bit finalizer: spreads a hash over all bits. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }

    /** The UTF-8 bytes of value {@code id} (never changed: share them, do not change them). */
    static byte[] utf8(int id) {
        return table.values[id];
    }

    static String string(int id) {
        return new String(utf8(id), StandardCharsets.UTF_8);
    }

    /** A Ruby String of value {@code id}: it shares the bytes until it is changed in place. */
    static RubyString ruby(Ruby runtime, int id) {
        return RubyString.newStringShared(runtime, new ByteList(utf8(id), PackedMap.UTF8, false));
    }

    /** The packed value of number {@code id}. */
    static byte[] packed(int id) {
        if (id < 128) {
            return new byte[] {(byte) (PackedMap.SMALL_SHARED | id)};
        }
        byte[] ref = new byte[1 + MapEditor.varintSize(id)];
        ref[0] = PackedMap.SHARED;
        MapEditor.writeVarint(ref, 1, id);
        return ref;
    }

    /** Writes the packed value of number {@code id}. */
    static void write(PackedMap.Out out, int id) {
        if (id < 128) {
            out.write(PackedMap.SMALL_SHARED | id);
        } else {
            out.write(PackedMap.SHARED);
            out.varint(id);
        }
    }

    /** The number of the shared value at {@code in}'s position (its tag not read yet). */
    static int read(PackedMap.In in) {
        byte tag = in.buf[in.pos++];
        return tag < 0 ? tag & 0x7F : in.varint();
    }

    /** Values in the dictionary (for tests and the benchmark). */
    static synchronized int size() {
        return size;
    }
}
