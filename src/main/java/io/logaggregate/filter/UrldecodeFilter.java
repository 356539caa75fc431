package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Logstash's urldecode filter: decodes {@code %XX} escapes in one field ({@code field}) or in every
 * top-level field ({@code all_fields}), walking into arrays and hashes. As in the plugin, a {@code
 * +} stays a {@code +}, runs of escapes become bytes read in {@code charset}; bytes that are not
 * valid UTF-8 are kept visible as {@code \xNN} (Logstash's charset converter does the same), and a
 * field the event lacks is set to null (the plugin sets whatever {@code event.get} returned). The
 * common options always apply; {@code tag_on_failure} is added when a value cannot be decoded.
 */
public final class UrldecodeFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("urldecode")
                    .string("field", "message", "the field to decode")
                    .bool("all_fields", false, "decode every top-level field instead")
                    .array(
                            "tag_on_failure",
                            List.of("_urldecodefailure"),
                            "tags added when decoding fails")
                    .string("charset", "UTF-8", "the character set of the decoded bytes");

    private final String field;
    private final boolean allFields;
    private final List<String> tagOnFailure;
    private final String charset;
    private final CommonOptions common;

    private UrldecodeFilter(PluginSettings s) {
        field = s.getString("field");
        FilterFields.check(s, "field", field);
        allFields = s.getBool("all_fields");
        tagOnFailure = s.getList("tag_on_failure");
        charset = charsetName(s);
        common = CommonOptions.from(s);
    }

    /** Ruby's encoding names, as far as Java knows them; BINARY/ASCII-8BIT read as ISO-8859-1. */
    private static String charsetName(PluginSettings s) {
        String name = s.getString("charset");
        if (name.equalsIgnoreCase("BINARY") || name.equalsIgnoreCase("ASCII-8BIT")) {
            return "ISO-8859-1";
        }
        try {
            if (Charset.isSupported(name)) {
                return Charset.forName(name).name();
            }
        } catch (IllegalCharsetNameException e) {
            // reported below
        }
        throw s.invalid("charset", "Unknown character set");
    }

    public static UrldecodeFilter create(PluginSettings settings, FilterContext ctx) {
        return new UrldecodeFilter(settings);
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        Charset cs = Charset.forName(charset);
        try {
            if (allFields) {
                for (Map.Entry<String, Object> e : new ArrayList<>(event.data().entrySet())) {
                    Object decoded = decode(e.getValue(), cs);
                    if (decoded != e.getValue()) {
                        event.data().put(e.getKey(), decoded);
                    }
                }
            } else {
                FieldRef ref = FieldRef.parse(field);
                event.set(ref, decode(event.get(ref), cs));
            }
        } catch (RuntimeException e) {
            tagOnFailure.forEach(event::tag);
        }
        common.apply(event);
    }

    /** Decodes strings, recursing into arrays and hashes; other values come back unchanged. */
    static Object decode(Object value, Charset cs) {
        if (value instanceof String s) {
            return s.indexOf('%') < 0 ? s : unescape(s, cs);
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(decode(o, cs));
            }
            return out;
        }
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), decode(e.getValue(), cs));
            }
            return out;
        }
        return value;
    }

    /**
     * Replaces {@code %XX} escapes by their bytes; the other characters keep their UTF-8 bytes (the
     * plugin works on the string's bytes); the result is read in {@code cs}.
     */
    static String unescape(String s, Charset cs) {
        byte[] in = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(in.length);
        for (int i = 0; i < in.length; i++) {
            if (in[i] == '%' && i + 2 < in.length && hex(in[i + 1]) >= 0 && hex(in[i + 2]) >= 0) {
                bytes.write(hex(in[i + 1]) << 4 | hex(in[i + 2]));
                i += 2;
            } else {
                bytes.write(in[i]);
            }
        }
        byte[] out = bytes.toByteArray();
        if (cs.equals(StandardCharsets.UTF_8)) {
            return utf8OrEscaped(out);
        }
        return new String(out, cs);
    }

    private static int hex(byte b) {
        return Character.digit(b, 16);
    }

    /**
     * Valid UTF-8 as is; otherwise the valid characters are kept and each invalid byte is written
     * {@code \xNN}, with quotes, backslashes and control characters escaped — Ruby's {@code
     * inspect}, which Logstash's charset converter falls back to.
     */
    static String utf8OrEscaped(byte[] b) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b))
                    .toString();
        } catch (CharacterCodingException e) {
            // fall through to the escaping walk
        }
        StringBuilder sb = new StringBuilder(b.length + 16);
        int i = 0;
        while (i < b.length) {
            int len = utf8Length(b, i);
            if (len == 0) {
                sb.append(String.format("\\x%02X", b[i] & 0xff));
                i++;
                continue;
            }
            String ch = new String(b, i, len, StandardCharsets.UTF_8);
            i += len;
            switch (ch) {
                case "\"" -> sb.append("\\\"");
                case "\\" -> sb.append("\\\\");
                case "\n" -> sb.append("\\n");
                case "\t" -> sb.append("\\t");
                case "\r" -> sb.append("\\r");
                case "\f" -> sb.append("\\f");
                case "\u000b" -> sb.append("\\v");
                case "\u0007" -> sb.append("\\a");
                case "\b" -> sb.append("\\b");
                case "\u001b" -> sb.append("\\e");
                case "#" -> {
                    boolean interp = i < b.length && (b[i] == '{' || b[i] == '$' || b[i] == '@');
                    sb.append(interp ? "\\#" : "#");
                }
                default -> {
                    int c = ch.codePointAt(0);
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02X", c));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** The length of the valid UTF-8 sequence at {@code i}, or 0 when the byte starts none. */
    private static int utf8Length(byte[] b, int i) {
        int c = b[i] & 0xff;
        int len;
        int min;
        if (c < 0x80) {
            return 1;
        } else if (c >= 0xc2 && c <= 0xdf) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xe0 && c <= 0xef) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xf0 && c <= 0xf4) {
            len = 4;
            min = 0x10000;
        } else {
            return 0;
        }
        if (i + len > b.length) {
            return 0;
        }
        int cp = c & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            int cc = b[i + k] & 0xff;
            if ((cc & 0xc0) != 0x80) {
                return 0;
            }
            cp = cp << 6 | (cc & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
            return 0;
        }
        return len;
    }
}
