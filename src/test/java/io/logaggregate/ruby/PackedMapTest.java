package io.logaggregate.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jruby.Ruby;
import org.jruby.RubyHash;
import org.jruby.RubyString;
import org.junit.jupiter.api.Test;

/**
 * The packed map's dictionary of repeated values ({@link RepeatedValues}): what is shared, what is
 * not, and that sharing changes neither the map seen by Java or Ruby nor its portable form. The
 * dictionary is the JVM's: every test uses values of its own (a random prefix).
 */
class PackedMapTest {
    private final Ruby runtime = RubyEngine.get().runtime();
    private final String unique = UUID.randomUUID().toString().substring(0, 8);

    private Map<String, Object> postfixMap(String relay) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("hostname", "mx-" + unique);
        m.put("size", 5493L);
        m.put("at", Instant.parse("2026-01-31T00:02:00.123456789Z"));
        m.put("relay", new ArrayList<>(List.of(relay, relay)));
        m.put("nested", new LinkedHashMap<>(Map.of("status", "sent-" + unique)));
        m.put("x", "1"); // too short to share
        return m;
    }

    @Test
    void aValueIsSharedTheSecondTimeItIsPacked() throws Exception {
        String relay = "relay." + unique + ".example.com[192.0.2.26]:587";
        byte[] first = PackedMap.pack(postfixMap(relay));
        byte[] second = PackedMap.pack(postfixMap(relay));

        // the first packing wrote the text; from the second on, numbers
        assertThat(second.length).isLessThan(first.length - relay.length());
        assertThat(PackedMap.unpack(second)).isEqualTo(PackedMap.unpack(first));
        assertThat(PackedMap.unpack(second)).isEqualTo(postfixMap(relay));
        assertThat(FastAggregateCodeDifferentialTest.portable(second))
                .isEqualTo(FastAggregateCodeDifferentialTest.portable(first));
        assertThat(PackedMap.toRubyHash(runtime, second).inspect().toString())
                .isEqualTo(PackedMap.toRubyHash(runtime, first).inspect().toString());
        // packing the Ruby Hash again gives the same bytes
        assertThat(PackedMap.fromRubyHash(PackedMap.toRubyHash(runtime, second))).isEqualTo(second);
    }

    @Test
    void theStoredFormKeepsTheTextAndRestoresTheSameMap() throws Exception {
        String relay = "mx." + unique + ".example.net[198.51.100.30]:25";
        PackedMap.pack(postfixMap(relay));
        byte[] shared = PackedMap.pack(postfixMap(relay));
        byte[] stored = FastAggregateCodeDifferentialTest.portable(shared);

        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1))
                .contains(relay, "mx-" + unique, "sent-" + unique);
        byte[] restored =
                PackedMap.readPortable(new DataInputStream(new ByteArrayInputStream(stored)));
        assertThat(PackedMap.unpack(restored)).isEqualTo(postfixMap(relay));
    }

    @Test
    void uniqueShortAndLongValuesAreNotShared() {
        int before = RepeatedValues.size();
        for (int i = 0; i < 1000; i++) {
            PackedMap.pack(Map.of("message_id", unique + "." + i + "@mx1.example.com"));
        }
        String long65 = "l".repeat(65) + unique;
        for (int i = 0; i < 3; i++) {
            PackedMap.pack(Map.of("a", "z", "b", long65));
        }
        // a unique value may pass the filter by chance (a false positive), rarely
        assertThat(RepeatedValues.size() - before).isLessThan(10);
        byte[] packed = PackedMap.pack(Map.of("a", "z", "b", long65));
        assertThat(packed.length).isGreaterThan(long65.length());
    }

    @Test
    void aSharedValueChangedInPlaceByRubyLeavesTheDictionaryAlone() {
        String status = "deferred-" + unique;
        PackedMap.pack(Map.of("status", status));
        byte[] packed = PackedMap.pack(Map.of("status", status));
        assertThat(packed.length).isLessThan(status.length());

        RubyHash hash = PackedMap.toRubyHash(runtime, packed);
        RubyString value = (RubyString) hash.fastARef(RubyString.newString(runtime, "status"));
        value.cat(RubyString.newString(runtime, "-changed").getByteList());

        assertThat(PackedMap.unpack(PackedMap.fromRubyHash(hash)))
                .isEqualTo(Map.of("status", status + "-changed"));
        assertThat(PackedMap.unpack(packed)).isEqualTo(Map.of("status", status));
        assertThat(PackedMap.toRubyHash(runtime, packed).inspect().toString()).contains(status);
    }

    @Test
    void stringLiteralsOfFastCodeAreSharedAtOnce() throws Exception {
        String literal = "literal-" + unique;
        AggregateCode code =
                RubyEngine.get().compileAggregateCode("map['s'] = '" + literal + "'", "t.conf:1:1");
        assertThat(code).isInstanceOf(FastAggregateCode.class);
        int[] length = new int[1];
        code.call(
                new io.logaggregate.event.Event(),
                new HeldMap(PackedMap.EMPTY) {
                    @Override
                    public void packedMap(byte[] p) {
                        super.packedMap(p);
                        length[0] = p.length;
                        assertThat(PackedMap.unpack(p)).isEqualTo(Map.of("s", literal));
                    }
                },
                new MapMeta(),
                e -> {});
        assertThat(length[0]).isLessThan(literal.length());
    }

    @Test
    void numbersPastTheFirst128ReadBackTheSameOnBothPaths() throws Exception {
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String v = i % 3 == 0 ? "ü" + i + unique : i + "." + unique;
            PackedMap.pack(Map.of("v", v));
            PackedMap.pack(Map.of("v", v)); // admitted: seen twice
            values.add(v);
        }
        assertThat(RepeatedValues.size()).isGreaterThan(128);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("l", values);
        map.put("first", values.get(0));
        map.put("last", values.get(299));
        byte[] packed = PackedMap.pack(map);
        assertThat(packed.length).isLessThan(300 * 3 + 20);
        assertThat(PackedMap.unpack(packed)).isEqualTo(map);
        assertThat(PackedMap.fromRubyHash(PackedMap.toRubyHash(runtime, packed))).isEqualTo(packed);
        byte[] stored = FastAggregateCodeDifferentialTest.portable(packed);
        assertThat(
                        PackedMap.unpack(
                                PackedMap.readPortable(
                                        new DataInputStream(new ByteArrayInputStream(stored)))))
                .isEqualTo(map);

        // the fast path (packed bytes) and the JRuby path (a Ruby Hash) give the same map
        String code =
                "map['l'] << event.get('v'); map['n'] = map['l'].length; event.set('c', map['l'])";
        RubyEngine engine = RubyEngine.get();
        AggregateCode fast = engine.compileAggregateCode(code, "t.conf:1:1", true);
        AggregateCode jruby = engine.compileAggregateCode(code, "t.conf:1:1", false);
        io.logaggregate.event.Event e = new io.logaggregate.event.Event();
        e.set("v", values.get(200));
        Map<String, Object> a = new LinkedHashMap<>(map);
        Map<String, Object> b = new LinkedHashMap<>(map);
        io.logaggregate.event.Event ea = e.copy();
        io.logaggregate.event.Event eb = e.copy();
        fast.call(ea, a, new MapMeta(), x -> {});
        jruby.call(eb, b, new MapMeta(), x -> {});
        assertThat(a).isEqualTo(b);
        assertThat(a.get("l")).isEqualTo(withLast(values, values.get(200)));
        assertThat(ea).isEqualTo(eb);
    }

    private static List<Object> withLast(List<Object> values, Object last) {
        List<Object> out = new ArrayList<>(values);
        out.add(last);
        return out;
    }
}
