package io.logaggregate.aggregate;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.stage.EventAtBlockSerializer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * The records behind the serializer format fixtures in {@code
 * src/test/resources/serializer-formats} and the program that writes them. A fixture is written
 * once, by the serializers of the format it is named after, and then never changed: {@link
 * SerializerMigrationTest} proves that today's serializers still read it. When a format changes,
 * run {@link #main} with the new version's directory (e.g. {@code v2}) to add that version's
 * fixtures next to the old ones.
 */
public final class SerializerFormatFixtures {
    private SerializerFormatFixtures() {}

    static final Instant T0 = Instant.parse("2025-03-04T05:06:07.123456789Z");

    /** Two tasks: one with nested values of every kind, one with map_meta timeouts. */
    static List<TaskState> taskStates() {
        TaskState a = new TaskState("queue-42", T0);
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("count", 3L);
        map.put("ratio", 0.5);
        map.put("ok", true);
        map.put("none", null);
        map.put("seen", T0.plusSeconds(10));
        map.put("hosts", new ArrayList<>(List.of("mx1", "mx2")));
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("from", "alice@example.org");
        nested.put("size", 1234L);
        map.put("mail", nested);
        a.setMap(map);
        a.setLastEvent(T0.plusSeconds(10));
        TaskState b = new TaskState("queue-é ünïcode", T0.plusSeconds(1));
        b.setTimeouts(60L, 5L);
        return List.of(a, b);
    }

    static List<Event> events() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", T0);
        m.put("message", "Mar  4 05:06:07 mx1 postfix/smtpd[123]: 4F9D195432: client=x");
        m.put("queue_id", "4F9D195432");
        m.put("bytes", 512L);
        m.put("tags", new ArrayList<>(List.of("postfix")));
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("path", "/var/log/mail.log");
        m.put("@metadata", meta);
        Event a = Event.fromMap(m, T0);
        a.setOrigin("/var/log/mail.log", 4096L);
        Event b = Event.fromMap(Map.of("message", "dropped"), T0.plusSeconds(2));
        b.cancel();
        return List.of(a, b);
    }

    static List<EventAtBlock> eventsAtBlocks() {
        List<Event> e = events();
        return List.of(
                new EventAtBlock(e.get(0), 7, "4F9D195432"), new EventAtBlock(e.get(1), 0, ""));
    }

    /** Writes {@code <name>.snapshot} (the serializer snapshot) and {@code <name>.data}. */
    static <T> void write(Path dir, String name, TypeSerializer<T> serializer, List<T> records)
            throws IOException {
        DataOutputSerializer snapshot = new DataOutputSerializer(256);
        TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(
                snapshot, serializer.snapshotConfiguration());
        Files.write(dir.resolve(name + ".snapshot"), snapshot.getCopyOfBuffer());
        DataOutputSerializer data = new DataOutputSerializer(1024);
        data.writeInt(records.size());
        for (T r : records) {
            serializer.serialize(r, data);
        }
        Files.write(dir.resolve(name + ".data"), data.getCopyOfBuffer());
    }

    /**
     * {@code main(src/test/resources/serializer-formats/vN [name...])}: writes that version's
     * fixtures, or only the named ones (e.g. {@code task-state}: the serializers whose format
     * changed in that version).
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        List<String> only = List.of(args).subList(1, args.length);
        if (only.isEmpty() || only.contains("task-state")) {
            write(dir, "task-state", TaskStateSerializer.INSTANCE, taskStates());
        }
        if (only.isEmpty() || only.contains("event")) {
            write(dir, "event", EventSerializer.INSTANCE, events());
        }
        if (only.isEmpty() || only.contains("staged-event")) {
            write(dir, "staged-event", EventAtBlockSerializer.INSTANCE, eventsAtBlocks());
        }
    }
}
