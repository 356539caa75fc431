package io.logaggregate.stage;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.program.EventAtBlock;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

/**
 * An event at a block crosses the sort of a batch job as bytes: read without decoding, written and
 * copied (a spill) as the same bytes, decoded once at the end into the same event.
 */
class EventAtBlockSerializerTest {
    private final EventAtBlockSerializer s = EventAtBlockSerializer.INSTANCE;

    @Test
    void anEventReadStaysEncodedThroughWritesAndCopiesAndDecodesTheSame() throws IOException {
        EventAtBlock original = new EventAtBlock(postfixEvent(), 12, "4F9D195432");
        byte[] written = write(original);

        EventAtBlock read = read(written);
        assertThat(read.encodedEvent()).isNotNull();
        assertThat(read.pc()).isEqualTo(12);
        assertThat(read.taskId()).isEqualTo("4F9D195432");
        // written again (into a sort buffer) and copied (a spill) without decoding
        assertThat(write(read)).isEqualTo(written);
        assertThat(read.encodedEvent()).isNotNull();
        DataOutputSerializer copied = new DataOutputSerializer(256);
        s.copy(new DataInputDeserializer(written), copied);
        assertThat(copied.getCopyOfBuffer()).isEqualTo(written);
        EventAtBlock copy = s.copy(read);

        Event decoded = read.event();
        assertThat(read.encodedEvent()).isNull();
        assertThat(decoded).isEqualTo(original.event());
        assertThat(decoded.split()).isEqualTo("/var/log/mail.log:1");
        assertThat(decoded.position()).isEqualTo(4096L);
        assertThat(read).isEqualTo(original);
        // a copy decodes its own event: changing one leaves the other alone
        decoded.set("status", "changed");
        assertThat(copy.event()).isEqualTo(original.event());
    }

    @Test
    void aDecodedEventThatChangedIsWrittenAsItIsNow() throws IOException {
        EventAtBlock read = read(write(new EventAtBlock(postfixEvent(), 3, "A")));
        read.event().set("status", "changed");
        EventAtBlock again = read(write(read));
        assertThat(again.event().get("status")).isEqualTo("changed");
    }

    private byte[] write(EventAtBlock record) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(record, out);
        return out.getCopyOfBuffer();
    }

    private EventAtBlock read(byte[] bytes) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes);
        EventAtBlock r = s.deserialize(in);
        assertThat(in.available()).isZero();
        return r;
    }

    private static Event postfixEvent() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "message",
                "Mar  4 05:06:07 mx1 postfix/smtp[9]: 4F9D195432: to=<a@b.c>, status=sent");
        m.put("taskid", "4F9D195432");
        m.put("status", "sent");
        m.put("tags", List.of("postfix"));
        Event e = Event.fromMap(m, Instant.parse("2026-03-04T05:06:07Z"));
        e.setOrigin("/var/log/mail.log:1", 4096L);
        return e;
    }
}
