package io.logaggregate.event.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/** The compact form (event format 2) gives back every value, name and order it was given. */
class CompactCodecTest {

    @Test
    void everyKindOfValueComesBackEqualAndInOrder() throws IOException {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("path", "/var/log/mail.log"); // a dictionary name inside a hash
        nested.put("zé", List.of(1L, -1L, "ü"));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", "Nov  9 23:55:12 mx1 postfix/qmgr[2638]: 3A9C96093D: removed");
        m.put("not_in_dictionary", "x");
        m.put("", "empty name");
        m.put("empty", "");
        m.put("unicode", "naïve — 日本語 \uD83D\uDE00");
        m.put("none", null);
        m.put("yes", true);
        m.put("no", false);
        m.put("min", Long.MIN_VALUE);
        m.put("max", Long.MAX_VALUE);
        m.put("neg", -5493L);
        m.put("ratio", -0.25);
        m.put("nan", Double.NaN);
        m.put("at", Instant.parse("2026-11-09T23:55:12.123456789Z"));
        m.put("before1970", Instant.parse("1969-12-31T23:59:59.5Z"));
        m.put("big", new BigInteger("-123456789012345678901234567890"));
        m.put("list", new ArrayList<>(Arrays.asList("a", null, 2L)));
        m.put("emptyList", new ArrayList<>());
        m.put("hash", nested);
        m.put("emptyHash", new LinkedHashMap<>());

        Map<String, Object> back = roundTrip(m);

        assertThat(back).isEqualTo(m);
        assertThat(List.copyOf(back.keySet())).isEqualTo(List.copyOf(m.keySet()));
        assertThat(List.<Object>copyOf(((Map<?, ?>) back.get("hash")).keySet()))
                .containsExactly("path", "zé");
    }

    @Test
    void aStringLongerThanWriteUtfAllowsAndLongerThanTheReadBuffer() throws IOException {
        String longLine = "é".repeat(70_000) + "end";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", longLine);
        m.put("after", "short");
        assertThat(roundTrip(m)).isEqualTo(m);
    }

    @Test
    void commonNamesTakeOneByteAndOthersTheirText() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CompactCodec.writeName("@timestamp", out);
        assertThat(out.length()).isEqualTo(1);
        out.clear();
        CompactCodec.writeName("queue_size", out);
        assertThat(out.length()).isEqualTo(1 + 1 + "queue_size".length());
    }

    @Test
    void variableLengthIntegersCoverTheirWholeRange() throws IOException {
        long[] longs = {0, 1, -1, 63, -64, 127, 128, 300, Integer.MAX_VALUE, Long.MIN_VALUE};
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (long l : longs) {
            CompactCodec.writeVarLong(CompactCodec.zigzag(l), out);
        }
        CompactCodec.writeVarInt(Integer.MAX_VALUE, out);
        CompactCodec.writeVarInt(-1, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        for (long l : longs) {
            assertThat(CompactCodec.unzigzag(CompactCodec.readVarLong(in))).isEqualTo(l);
        }
        assertThat(CompactCodec.readVarInt(in)).isEqualTo(Integer.MAX_VALUE);
        assertThat(CompactCodec.readVarInt(in)).isEqualTo(-1);
        assertThat(in.available()).isZero();
    }

    @Test
    void corruptDataIsAnErrorNotAWrongValue() {
        DataInputDeserializer in = new DataInputDeserializer(new byte[] {1, 127});
        assertThatThrownBy(() -> CompactCodec.readMap(in))
                .hasMessageContaining("Corrupt field name code");
    }

    @Test
    void anEventKeepsFieldsMetadataCancelAndOrigin() throws IOException {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("message", "hello");
        fields.put("@metadata", new LinkedHashMap<>(Map.of("path", "/tmp/x")));
        Event e = Event.fromMap(fields, Instant.parse("2026-01-02T03:04:05Z"));
        e.cancel();
        e.setOrigin("file:/var/log/mail.log", -7L);
        DataOutputSerializer out = new DataOutputSerializer(64);
        EventSerializer.INSTANCE.serialize(e, out);
        Event back =
                EventSerializer.INSTANCE.deserialize(
                        new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back).isEqualTo(e);
        assertThat(back.metadata()).isEqualTo(e.metadata());
        assertThat(back.split()).isEqualTo("file:/var/log/mail.log");
        assertThat(back.position()).isEqualTo(-7L);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> roundTrip(Map<String, Object> m) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        CompactCodec.writeMap(m, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Map<String, Object> back = CompactCodec.readMap(in);
        assertThat(in.available()).isZero();
        return back;
    }
}
