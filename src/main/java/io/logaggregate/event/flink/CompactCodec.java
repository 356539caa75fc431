package io.logaggregate.event.flink;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * The compact binary form of the event value model ({@link io.logaggregate.event.Values}) used by
 * {@link EventSerializer} from format 2: what every record pays when it crosses a keyBy or another
 * network exchange, so it is kept small and cheap to read.
 *
 * <ul>
 *   <li>lengths, counts and longs as variable-length integers (zigzag for signed values): a field
 *       count or a string length is one byte instead of four, {@code size=5493} two bytes;
 *   <li>field names that every input writes ({@code @timestamp}, {@code message}, {@code host}...)
 *       as their index in {@link #NAMES}, others as UTF-8 text; a name read from the index is the
 *       dictionary's own string, whose hash code is already computed, so putting it into the
 *       event's map and looking it up later costs no hashing of a fresh string;
 *   <li>a timestamp as epoch seconds and nanoseconds (two variable-length integers).
 * </ul>
 *
 * <p>The dictionary is part of the format: the data stays self-describing (state in a savepoint
 * needs nothing else to be read). {@link #NAMES} must therefore never change: a different list is a
 * new format of {@link EventSerializer}.
 */
public final class CompactCodec {
    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte DOUBLE = 3;
    private static final byte TRUE = 4;
    private static final byte FALSE = 5;
    private static final byte INSTANT = 6;
    private static final byte LIST = 7;
    private static final byte MAP = 8;
    private static final byte BIG_INTEGER = 9;

    /**
     * Field names written as an index: Logstash's own fields, what the inputs add (legacy and ECS
     * names, Kafka metadata), and the names of the usual grok patterns (syslog, postfix, http).
     * Append-only is not enough: this list is fixed for format 2 of {@link EventSerializer}.
     */
    static final List<String> NAMES =
            List.of(
                    "@timestamp",
                    "@version",
                    "message",
                    "host",
                    "path",
                    "tags",
                    "type",
                    "event",
                    "original",
                    "log",
                    "file",
                    "name",
                    "hostname",
                    "ip",
                    "source",
                    "offset",
                    "input",
                    "agent",
                    "ecs",
                    "version",
                    "fields",
                    "kafka",
                    "topic",
                    "partition",
                    "key",
                    "consumer_group",
                    "timestamp",
                    "program",
                    "pid",
                    "logsource",
                    "syslog_timestamp",
                    "syslog_hostname",
                    "syslog_program",
                    "syslog_pid",
                    "syslog_message",
                    "level",
                    "loglevel",
                    "logger",
                    "thread",
                    "id",
                    "taskid",
                    "queueid",
                    "client_hostname",
                    "client_ip",
                    "from_mail",
                    "to_mail",
                    "size",
                    "nrcpt",
                    "relay",
                    "status",
                    "duration",
                    "clientip",
                    "verb",
                    "request",
                    "httpversion",
                    "response",
                    "bytes",
                    "referrer",
                    "agent_name",
                    "user",
                    "ident",
                    "auth");

    private static final String[] NAME_ARRAY = NAMES.toArray(new String[0]);
    private static final Map<String, Integer> NAME_CODES = new HashMap<>();

    static {
        for (int i = 0; i < NAME_ARRAY.length; i++) {
            // code 0 announces a name written as text
            NAME_CODES.put(NAME_ARRAY[i], i + 1);
        }
    }

    /** Read buffer for strings, per thread: the serializer itself is shared by every thread. */
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[256]);

    private CompactCodec() {}

    // ------------------------------------------------------------------ values

    public static void write(Object v, DataOutputView out) throws IOException {
        if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(s, out);
        } else if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            writeVarLong(zigzag(l), out);
        } else if (v instanceof Instant i) {
            out.writeByte(INSTANT);
            writeVarLong(zigzag(i.getEpochSecond()), out);
            writeVarInt(i.getNano(), out);
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(MAP);
            writeMap(m, out);
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            int n = l.size();
            writeVarInt(n, out);
            for (int i = 0; i < n; i++) {
                write(l.get(i), out);
            }
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof BigInteger bi) {
            out.writeByte(BIG_INTEGER);
            byte[] b = bi.toByteArray();
            writeVarInt(b.length, out);
            out.write(b);
        } else {
            throw new IOException("Not an event value: " + v.getClass());
        }
    }

    public static Object read(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case STRING:
                return readString(in);
            case NULL:
                return null;
            case LONG:
                return unzigzag(readVarLong(in));
            case INSTANT:
                return Instant.ofEpochSecond(unzigzag(readVarLong(in)), readVarInt(in));
            case MAP:
                return readMap(in);
            case LIST:
                {
                    int n = readVarInt(in);
                    List<Object> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(read(in));
                    }
                    return l;
                }
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case DOUBLE:
                return in.readDouble();
            case BIG_INTEGER:
                {
                    byte[] b = new byte[readVarInt(in)];
                    in.readFully(b);
                    return new BigInteger(b);
                }
            default:
                throw new IOException("Corrupt event value tag " + tag);
        }
    }

    /** A map with string keys (an event's fields, a hash value), in iteration order. */
    public static void writeMap(Map<?, ?> m, DataOutputView out) throws IOException {
        writeVarInt(m.size(), out);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            writeName((String) e.getKey(), out);
            write(e.getValue(), out);
        }
    }

    public static Map<String, Object> readMap(DataInputView in) throws IOException {
        int n = readVarInt(in);
        // the capacity at which n entries need no rehash (load factor 0.75)
        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n + n / 3 + 1));
        for (int i = 0; i < n; i++) {
            String k = readName(in);
            m.put(k, read(in));
        }
        return m;
    }

    // ------------------------------------------------------------------ names and strings

    static void writeName(String name, DataOutputView out) throws IOException {
        Integer code = NAME_CODES.get(name);
        if (code != null) {
            writeVarInt(code, out);
        } else {
            out.writeByte(0);
            writeString(name, out);
        }
    }

    static String readName(DataInputView in) throws IOException {
        int code = readVarInt(in);
        if (code == 0) {
            return readString(in);
        }
        if (code > NAME_ARRAY.length) {
            throw new IOException("Corrupt field name code " + code);
        }
        return NAME_ARRAY[code - 1];
    }

    /** UTF-8 bytes after their count (no 64 KiB limit, unlike writeUTF: log lines can be long). */
    public static void writeString(String s, DataOutputView out) throws IOException {
        // for a Latin-1 string (most log text) getBytes is one vectorized copy
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        writeVarInt(b.length, out);
        out.write(b);
    }

    public static String readString(DataInputView in) throws IOException {
        int n = readVarInt(in);
        if (n == 0) {
            return "";
        }
        byte[] b = SCRATCH.get();
        if (b.length < n) {
            b = new byte[Math.max(n, 2 * b.length)];
            SCRATCH.set(b);
        }
        in.readFully(b, 0, n);
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ variable-length integers

    public static void writeVarInt(int v, DataOutputView out) throws IOException {
        while ((v & ~0x7F) != 0) {
            out.writeByte((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.writeByte(v);
    }

    public static int readVarInt(DataInputView in) throws IOException {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = in.readByte();
            v |= (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IOException("Corrupt variable-length int");
    }

    public static void writeVarLong(long v, DataOutputView out) throws IOException {
        while ((v & ~0x7FL) != 0) {
            out.writeByte((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }

    public static long readVarLong(DataInputView in) throws IOException {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            byte b = in.readByte();
            v |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IOException("Corrupt variable-length long");
    }

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
