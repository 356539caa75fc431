package io.logaggregate.ruby;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.jruby.Ruby;
import org.jruby.RubyString;
import org.jruby.util.ByteList;

/** Key names by number, shared by every map of this JVM (this class loader). */
final class KeyNames {
    private KeyNames() {}

    private static final ConcurrentHashMap<ByteList, Integer> IDS = new ConcurrentHashMap<>();
    private static volatile byte[][] names = new byte[64][];
    private static volatile String[] strings = new String[64];
    private static int size;

    private static volatile Ruby cachedRuntime;
    private static volatile RubyString[] rubyKeys = new RubyString[0];

    /** The number of the key with these UTF-8 bytes, or -1 when the dictionary is full. */
    static int id(ByteList utf8) {
        Integer id = IDS.get(utf8);
        return id != null ? id : add(utf8);
    }

    private static synchronized int add(ByteList utf8) {
        Integer id = IDS.get(utf8);
        if (id != null) {
            return id;
        }
        if (size >= PackedMap.MAX_KEYS) {
            return -1;
        }
        byte[] bytes = utf8.bytes(); // a copy: the caller's bytes may change later
        if (size == names.length) {
            names = Arrays.copyOf(names, size * 2);
            strings = Arrays.copyOf(strings, size * 2);
        }
        names[size] = bytes;
        strings[size] = new String(bytes, StandardCharsets.UTF_8);
        IDS.put(new ByteList(bytes, PackedMap.UTF8, false), size);
        return size++;
    }

    static byte[] utf8(int id) {
        return names[id];
    }

    static String string(int id) {
        return strings[id];
    }

    /** The frozen Ruby String of key {@code id}, made once per runtime and shared. */
    static RubyString ruby(Ruby runtime, int id) {
        RubyString[] cache = rubyKeys;
        if (cachedRuntime == runtime && id < cache.length && cache[id] != null) {
            return cache[id];
        }
        return rubySlow(runtime, id);
    }

    private static synchronized RubyString rubySlow(Ruby runtime, int id) {
        if (cachedRuntime != runtime) {
            rubyKeys = new RubyString[names.length];
            cachedRuntime = runtime;
        }
        RubyString[] cache = rubyKeys;
        if (id >= cache.length) {
            cache = Arrays.copyOf(cache, Math.max(names.length, id + 1));
        }
        if (cache[id] == null) {
            RubyString key = RubyString.newString(runtime, string(id));
            key.setFrozen(true);
            cache[id] = key;
        }
        rubyKeys = cache;
        return cache[id];
    }
}
