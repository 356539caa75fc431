package io.logaggregate.event.flink;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Compact tagged binary form of the event value model ({@link io.logaggregate.event.Values}). */
public final class ValueCodec {
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

    private ValueCodec() {}

    public static void write(Object v, DataOutputView out) throws IOException {
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(s, out);
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof Instant i) {
            out.writeByte(INSTANT);
            out.writeLong(i.getEpochSecond());
            out.writeInt(i.getNano());
        } else if (v instanceof List<?> l) {
            out.writeByte(LIST);
            out.writeInt(l.size());
            for (Object o : l) {
                write(o, out);
            }
        } else if (v instanceof Map<?, ?> m) {
            out.writeByte(MAP);
            writeMap(m, out);
        } else if (v instanceof java.math.BigInteger bi) {
            out.writeByte(BIG_INTEGER);
            byte[] b = bi.toByteArray();
            out.writeInt(b.length);
            out.write(b);
        } else {
            throw new IOException("Not an event value: " + v.getClass());
        }
    }

    public static void writeMap(Map<?, ?> m, DataOutputView out) throws IOException {
        out.writeInt(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            writeString((String) e.getKey(), out);
            write(e.getValue(), out);
        }
    }

    public static Object read(DataInputView in) throws IOException {
        byte tag = in.readByte();
        switch (tag) {
            case NULL:
                return null;
            case STRING:
                return readString(in);
            case LONG:
                return in.readLong();
            case DOUBLE:
                return in.readDouble();
            case TRUE:
                return Boolean.TRUE;
            case FALSE:
                return Boolean.FALSE;
            case INSTANT:
                return Instant.ofEpochSecond(in.readLong(), in.readInt());
            case LIST:
                {
                    int n = in.readInt();
                    List<Object> l = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        l.add(read(in));
                    }
                    return l;
                }
            case MAP:
                return readMap(in);
            case BIG_INTEGER:
                {
                    byte[] b = new byte[in.readInt()];
                    in.readFully(b);
                    return new java.math.BigInteger(b);
                }
            default:
                throw new IOException("Corrupt event value tag " + tag);
        }
    }

    public static Map<String, Object> readMap(DataInputView in) throws IOException {
        int n = in.readInt();
        Map<String, Object> m = new LinkedHashMap<>(Math.max(4, n * 2));
        for (int i = 0; i < n; i++) {
            String k = readString(in);
            m.put(k, read(in));
        }
        return m;
    }

    /** UTF-8 without the 64 KiB limit of writeUTF (log lines can be long). */
    public static void writeString(String s, DataOutputView out) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    public static String readString(DataInputView in) throws IOException {
        int n = in.readInt();
        byte[] b = new byte[n];
        in.readFully(b);
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
