package io.logaggregate.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.FormatVersionedSerializer;
import io.logaggregate.event.flink.FormatVersionedSnapshot;
import io.logaggregate.program.EventAtBlock;
import io.logaggregate.stage.EventAtBlockSerializer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshotSerializationUtil;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * State written by every earlier format is read by today's serializers, the way Flink reads it on
 * restore: the stored serializer snapshot is read back, compared with today's serializer, and the
 * bytes are read with the serializer the snapshot restores. The fixtures in {@code
 * src/test/resources/serializer-formats/v1} were written by the serializers before they had a
 * format version (Flink's SimpleTypeSerializerSnapshot), exactly as such state sits in savepoints;
 * those in {@code v2} by the event serializers of format 2 (the compact form, {@code
 * CompactCodec}); {@code v3} holds events at blocks of format 3 (the event's length before it) and
 * task states of format 3 (no timer: the fixtures of v1 and v2 hold one, which is skipped).
 */
class SerializerMigrationTest {

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "v3"})
    void taskStateOfEveryFormatIsRead(String version) throws IOException {
        List<TaskState> read = readFixture(version, "task-state", TaskStateSerializer.INSTANCE);
        assertThat(read).hasSize(2);
        List<TaskState> expected = SerializerFormatFixtures.taskStates();
        for (int i = 0; i < read.size(); i++) {
            TaskState a = read.get(i);
            TaskState b = expected.get(i);
            assertThat(a.taskId).isEqualTo(b.taskId);
            assertThat(a.map()).isEqualTo(b.map());
            assertThat(List.copyOf(a.map().keySet())).isEqualTo(List.copyOf(b.map().keySet()));
            assertThat(a.creation()).isEqualTo(b.creation());
            assertThat(a.lastEvent()).isEqualTo(b.lastEvent());
            assertThat(a.timeout()).isEqualTo(b.timeout());
            assertThat(a.inactivityTimeout()).isEqualTo(b.inactivityTimeout());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void eventsOfEveryFormatAreRead(String version) throws IOException {
        List<Event> read = readFixture(version, "event", EventSerializer.INSTANCE);
        assertEvents(read, SerializerFormatFixtures.events());
    }

    /**
     * Events between stages are never in a checkpoint (only BATCH mode, which takes none, keeps
     * them in state), so no stored snapshot names their serializer (it was renamed with the
     * record); their bytes are still read in every format.
     */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "v3"})
    void eventsAtBlocksOfEveryFormatAreRead(String version) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(bytes(version, "staged-event.data"));
        // no snapshot names the format: it is the fixture's version
        EventAtBlockSerializer reader =
                EventAtBlockSerializer.INSTANCE.forFormat(Integer.parseInt(version.substring(1)));
        int n = in.readInt();
        List<EventAtBlock> read = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            read.add(reader.deserialize(in));
        }
        assertThat(in.available()).isZero();
        List<EventAtBlock> expected = SerializerFormatFixtures.eventsAtBlocks();
        assertThat(read).extracting(EventAtBlock::pc).isEqualTo(map(expected, EventAtBlock::pc));
        assertThat(read)
                .extracting(EventAtBlock::taskId)
                .isEqualTo(map(expected, EventAtBlock::taskId));
        assertEvents(map(read, EventAtBlock::event), map(expected, EventAtBlock::event));
    }

    /** Today's snapshot names its format and reads back the same (the v4 snapshot layout). */
    @Test
    void todaysSnapshotRoundTrips() throws IOException {
        for (FormatVersionedSerializer<?> s :
                List.of(
                        TaskStateSerializer.INSTANCE,
                        EventSerializer.INSTANCE,
                        EventAtBlockSerializer.INSTANCE)) {
            DataOutputSerializer out = new DataOutputSerializer(128);
            TypeSerializerSnapshotSerializationUtil.writeSerializerSnapshot(
                    out, s.snapshotConfiguration());
            TypeSerializerSnapshot<?> back =
                    TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
                            new DataInputDeserializer(out.getCopyOfBuffer()),
                            getClass().getClassLoader());
            assertThat(((FormatVersionedSnapshot<?>) back).format()).isEqualTo(s.currentFormat());
            assertThat(back.restoreSerializer()).isSameAs(s);
        }
    }

    /** State from a newer log-aggregate (an unknown format) is refused, not misread. */
    @Test
    void aNewerFormatIsRefused() throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(128);
        out.writeInt(2); // Flink's layout of a stored snapshot: its version, class, content
        out.writeUTF(TaskStateSerializer.Snapshot.class.getName());
        out.writeInt(4); // snapshot layout with a format number
        out.writeInt(TaskStateSerializer.CURRENT_FORMAT + 1);
        TaskStateSerializer.Snapshot newer =
                (TaskStateSerializer.Snapshot)
                        TypeSerializerSnapshotSerializationUtil.<TaskState>readSerializerSnapshot(
                                new DataInputDeserializer(out.getCopyOfBuffer()),
                                getClass().getClassLoader());
        assertThat(
                        TaskStateSerializer.INSTANCE
                                .snapshotConfiguration()
                                .resolveSchemaCompatibility(newer)
                                .isIncompatible())
                .isTrue();
        assertThatThrownBy(newer::restoreSerializer)
                .hasMessageContaining("written by a newer log-aggregate");
    }

    // ------------------------------------------------------------------ helpers

    /** Reads a fixture as Flink restores state: snapshot, compatibility, restored serializer. */
    private <T> List<T> readFixture(String version, String name, TypeSerializer<T> today)
            throws IOException {
        TypeSerializerSnapshot<T> stored =
                TypeSerializerSnapshotSerializationUtil.readSerializerSnapshot(
                        new DataInputDeserializer(bytes(version, name + ".snapshot")),
                        getClass().getClassLoader());
        TypeSerializerSchemaCompatibility<T> compatibility =
                today.snapshotConfiguration().resolveSchemaCompatibility(stored);
        assertThat(compatibility.isCompatibleAsIs() || compatibility.isCompatibleAfterMigration())
                .as("%s %s state is readable: %s", version, name, compatibility)
                .isTrue();
        TypeSerializer<T> reader = stored.restoreSerializer();
        DataInputDeserializer in = new DataInputDeserializer(bytes(version, name + ".data"));
        int n = in.readInt();
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(reader.deserialize(in));
        }
        assertThat(in.available()).as("every byte of %s/%s.data read", version, name).isZero();
        // what was read is written again in today's format (Flink's migration) and reads back
        // to the same bytes
        byte[] migrated = writeAll(today, out);
        DataInputDeserializer back = new DataInputDeserializer(migrated);
        List<T> again = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            again.add(today.deserialize(back));
        }
        assertThat(writeAll(today, again)).isEqualTo(migrated);
        return out;
    }

    private static <T> byte[] writeAll(TypeSerializer<T> s, List<T> records) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(1024);
        for (T t : records) {
            s.serialize(t, out);
        }
        return out.getCopyOfBuffer();
    }

    private byte[] bytes(String version, String file) throws IOException {
        String path = "/serializer-formats/" + version + "/" + file;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }

    private static void assertEvents(List<Event> read, List<Event> expected) {
        assertThat(read).hasSize(expected.size());
        for (int i = 0; i < read.size(); i++) {
            Event a = read.get(i);
            Event b = expected.get(i);
            assertThat(a.data()).isEqualTo(b.data());
            assertThat(a.metadata()).isEqualTo(b.metadata());
            assertThat(a.isCancelled()).isEqualTo(b.isCancelled());
            assertThat(a.split()).isEqualTo(b.split());
            assertThat(a.position()).isEqualTo(b.position());
        }
    }

    private static <A, B> List<B> map(List<A> l, Function<A, B> f) {
        return l.stream().map(f).toList();
    }
}
