package io.logaggregate.filter;

import io.logaggregate.config.PluginSettings;
import io.logaggregate.config.PluginSpec;
import io.logaggregate.event.Event;
import io.logaggregate.event.FieldRef;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * Logstash's fingerprint filter: a hash of one or more fields into {@code target}.
 *
 * <ul>
 *   <li>{@code SHA1}, {@code SHA256}, {@code SHA384}, {@code SHA512}, {@code MD5}: hex digest, or
 *       base64 with {@code base64encode}; with a {@code key} an HMAC.
 *   <li>{@code MURMUR3}: the unsigned 32-bit MurmurHash3 (x86) as a number; an integer is hashed as
 *       its 8 little-endian bytes, anything else as its text.
 *   <li>{@code MURMUR3_128}: MurmurHash3 x64 128 with seed 2, as the murmurhash3 gem computes it
 *       (integers as 4 or 8 little-endian bytes), hex or base64.
 *   <li>{@code IPV4_NETWORK}: the address masked to the prefix length in {@code key}.
 *   <li>{@code UUID}: a random UUID; {@code PUNCTUATION}: the value's punctuation and symbols.
 * </ul>
 *
 * Each source field that exists is hashed in turn (the last one wins; an array gives an array of
 * hashes). With {@code concatenate_sources} the sorted sources are hashed as one text {@code
 * |name|value|name|value|}, with {@code concatenate_all_fields} every field of the event the same
 * way; hashes inside are written with sorted keys, so key order never changes the fingerprint.
 * Timestamps are hashed in Logstash 8's text form ({@code 2000-01-01T05:00:00.120Z}, micro and
 * nanoseconds when present). The common options always apply.
 */
public final class FingerprintFilter implements Filter {
    private static final long serialVersionUID = 1L;

    static final PluginSpec SPEC =
            PluginSpec.filter("fingerprint")
                    .array("source", List.of("message"), "the fields to fingerprint")
                    .string(
                            "target",
                            null,
                            "where the fingerprint goes (fingerprint; [event][hash] with ECS)")
                    .password("key", "HMAC key (digests); prefix length (IPV4_NETWORK)")
                    .bool("base64encode", false, "base64 instead of hex (digests, MURMUR3_128)")
                    .oneOf(
                            "method",
                            "SHA1",
                            "the fingerprint method",
                            "SHA1",
                            "SHA256",
                            "SHA384",
                            "SHA512",
                            "MD5",
                            "MURMUR3",
                            "MURMUR3_128",
                            "IPV4_NETWORK",
                            "UUID",
                            "PUNCTUATION")
                    .bool("concatenate_sources", false, "hash all sources as one text")
                    .bool("concatenate_all_fields", false, "hash the whole event as one text")
                    .oneOf(
                            "ecs_compatibility",
                            "disabled",
                            "the default target: fingerprint, or [event][hash] for v1/v8",
                            "disabled",
                            "v1",
                            "v8");

    private static final Pattern NOT_PUNCTUATION = Pattern.compile("[^\\p{P}\\p{S}]");

    /** Logstash 8's Timestamp#to_s as the plugin refines it: at least milliseconds. */
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
                    .withZone(java.time.ZoneOffset.UTC);

    private final List<String> source;
    private final String target;
    private final String key;
    private final boolean base64;
    private final String method;
    private final boolean concatenateSources;
    private final boolean concatenateAllFields;
    private final int prefixLength;
    private final CommonOptions common;

    private FingerprintFilter(PluginSettings s) {
        source = s.getList("source");
        for (String f : source) {
            FilterFields.check(s, "source", f);
        }
        boolean ecs = !s.getString("ecs_compatibility").equals("disabled");
        String t = s.getString("target");
        target = t != null ? t : ecs ? "[event][hash]" : "fingerprint";
        FilterFields.check(s, "target", target);
        key = s.string("key");
        base64 = s.getBool("base64encode");
        method = s.getString("method");
        concatenateSources = s.getBool("concatenate_sources");
        concatenateAllFields = s.getBool("concatenate_all_fields");
        if (method.equals("IPV4_NETWORK")) {
            if (key == null) {
                throw s.error(
                        "method",
                        "Key value is empty. please fill in a subnet prefix length"
                                + " (fingerprint method IPV4_NETWORK needs key => <prefix length>)");
            }
            prefixLength = rubyToI(key);
        } else {
            prefixLength = 0;
        }
        common = CommonOptions.from(s);
    }

    public static FingerprintFilter create(PluginSettings settings, FilterContext ctx) {
        return new FingerprintFilter(settings);
    }

    /** Ruby's String#to_i: leading digits, else 0. */
    private static int rubyToI(String s) {
        java.util.regex.Matcher m = Pattern.compile("^\\s*([-+]?\\d+)").matcher(s);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    @Override
    public void filter(Event event, Consumer<Event> emit) {
        FieldRef out = FieldRef.parse(target);
        switch (method) {
            case "UUID" -> event.set(out, UUID.randomUUID().toString());
            case "PUNCTUATION" -> {
                for (String field : sorted(source)) {
                    FieldRef ref = FieldRef.parse(field);
                    if (event.includes(ref)) {
                        String text = canonical(event.get(ref));
                        event.set(out, NOT_PUNCTUATION.matcher(text).replaceAll(""));
                    }
                }
            }
            default -> {
                if (concatenateSources || concatenateAllFields) {
                    StringBuilder sb = new StringBuilder();
                    if (concatenateAllFields) {
                        for (Map.Entry<String, Object> e : sortedMap(event.data()).entrySet()) {
                            sb.append('|').append(e.getKey()).append('|');
                            sb.append(canonical(e.getValue()));
                        }
                    } else {
                        for (String field : sorted(source)) {
                            sb.append('|').append(field).append('|');
                            sb.append(canonical(event.get(FieldRef.parse(field))));
                        }
                    }
                    sb.append('|');
                    Object fp = fingerprint(sb.toString());
                    if (fp == null) {
                        return;
                    }
                    event.set(out, fp);
                } else {
                    for (String field : source) {
                        FieldRef ref = FieldRef.parse(field);
                        if (!event.includes(ref)) {
                            continue;
                        }
                        Object v = event.get(ref);
                        if (v instanceof List<?> l) {
                            List<Object> fps = new ArrayList<>(l.size());
                            for (Object o : l) {
                                fps.add(fingerprint(canonicalKeepingIntegers(o)));
                            }
                            event.set(out, fps);
                        } else {
                            Object fp = fingerprint(canonicalKeepingIntegers(v));
                            if (fp == null) {
                                return;
                            }
                            event.set(out, fp);
                        }
                    }
                }
            }
        }
        common.apply(event);
    }

    private static List<String> sorted(List<String> fields) {
        List<String> out = new ArrayList<>(fields);
        out.sort(LogstashValues::compareCodePoints);
        return out;
    }

    private static Map<String, Object> sortedMap(Map<String, Object> m) {
        Map<String, Object> out = new TreeMap<>(LogstashValues::compareCodePoints);
        out.putAll(m);
        return out;
    }

    /** The plugin's to_canonical_value, then Ruby's to_s; integers stay numbers for MURMUR3. */
    private static Object canonicalKeepingIntegers(Object v) {
        return v instanceof Long ? v : canonical(v);
    }

    /**
     * Hashes with sorted keys as {@code k|v|k|v}, arrays as {@code a|b}, scalars as Ruby's to_s.
     */
    @SuppressWarnings("unchecked")
    static String canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            for (Map.Entry<String, Object> e : sortedMap((Map<String, Object>) m).entrySet()) {
                if (sb.length() > 0) {
                    sb.append('|');
                }
                sb.append(e.getKey()).append('|').append(canonical(e.getValue()));
            }
            return sb.toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append('|');
                }
                sb.append(canonical(l.get(i)));
            }
            return sb.toString();
        }
        if (v instanceof Instant i) {
            return timestampText(i);
        }
        return LogstashValues.rubyToS(v);
    }

    /** Logstash 8: ISO instant with 3, 6 or 9 fraction digits; {@code .000} for whole seconds. */
    static String timestampText(Instant i) {
        return i.getNano() == 0 ? MILLIS.format(i) : DateTimeFormatter.ISO_INSTANT.format(i);
    }

    /** The fingerprint of one value (text, or a Long for the murmur methods); null if none. */
    private Object fingerprint(Object value) {
        return switch (method) {
            case "MURMUR3" -> murmur3(value);
            case "MURMUR3_128" -> murmur3x128(value);
            case "IPV4_NETWORK" -> network(String.valueOf(value));
            default -> digest(value instanceof String s ? s : canonical(value));
        };
    }

    private String digest(String data) {
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        String algorithm =
                switch (method) {
                    case "SHA1" -> "SHA-1";
                    case "SHA256" -> "SHA-256";
                    case "SHA384" -> "SHA-384";
                    case "SHA512" -> "SHA-512";
                    default -> "MD5";
                };
        byte[] hash;
        try {
            if (key == null) {
                hash = MessageDigest.getInstance(algorithm).digest(bytes);
            } else {
                String mac = "Hmac" + algorithm.replace("-", "");
                Mac m = Mac.getInstance(mac);
                byte[] k = key.getBytes(StandardCharsets.UTF_8);
                // HMAC pads its key with zero bytes: an empty key (allowed by OpenSSL, refused
                // by SecretKeySpec) is the same as a single zero byte
                m.init(new SecretKeySpec(k.length == 0 ? new byte[1] : k, mac));
                hash = m.doFinal(bytes);
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("fingerprint: " + algorithm + " unavailable", e);
        }
        return base64 ? Base64.getEncoder().encodeToString(hash) : HexFormat.of().formatHex(hash);
    }

    private static long murmur3(Object value) {
        byte[] b =
                value instanceof Long l
                        ? ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(l).array()
                        : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        return MurmurHash3.hash32x86(b, 0, b.length, 0) & 0xffffffffL;
    }

    private String murmur3x128(Object value) {
        byte[] b;
        if (value instanceof Long l) {
            b =
                    l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE
                            ? ByteBuffer.allocate(4)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putInt(l.intValue())
                                    .array()
                            : ByteBuffer.allocate(8)
                                    .order(ByteOrder.LITTLE_ENDIAN)
                                    .putLong(l)
                                    .array();
        } else {
            b = String.valueOf(value).getBytes(StandardCharsets.UTF_8);
        }
        long[] h = MurmurHash3.hash128x64(b, 0, b.length, 2);
        byte[] out =
                ByteBuffer.allocate(16)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(h[0])
                        .putLong(h[1])
                        .array();
        return base64 ? Base64.getEncoder().encodeToString(out) : HexFormat.of().formatHex(out);
    }

    private static final Pattern IPV4 =
            Pattern.compile(
                    "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");

    /**
     * The address with only its first {@code key} bits kept (Ruby's IPAddr#mask), in Ruby's text
     * form; null when the value is no IP address (the plugin would stop on it).
     */
    private String network(String ip) {
        boolean v4 = IPV4.matcher(ip).matches();
        if (!v4 && !(ip.contains(":") && ip.matches("[0-9A-Fa-f:.]+"))) {
            return null;
        }
        byte[] addr;
        try {
            addr = InetAddress.getByName(ip).getAddress(); // a literal: no name lookup
        } catch (UnknownHostException e) {
            return null;
        }
        int bits = addr.length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            return null;
        }
        for (int i = 0; i < addr.length; i++) {
            int keep = Math.max(0, Math.min(8, prefixLength - i * 8));
            addr[i] &= (byte) (0xff << (8 - keep));
        }
        if (addr.length == 4) {
            return (addr[0] & 0xff)
                    + "."
                    + (addr[1] & 0xff)
                    + "."
                    + (addr[2] & 0xff)
                    + "."
                    + (addr[3] & 0xff);
        }
        return ipv6Text(addr);
    }

    /** RFC 5952 text (the longest run of two or more zero groups as ::), as Ruby prints it. */
    private static String ipv6Text(byte[] a) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = (a[2 * i] & 0xff) << 8 | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }
}
