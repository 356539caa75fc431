package io.logaggregate.aggregate;

import io.logaggregate.event.flink.FormatVersionedSerializer;
import io.logaggregate.event.flink.FormatVersionedSnapshot;
import io.logaggregate.event.flink.ValueCodec;
import io.logaggregate.ruby.PackedMap;
import java.io.IOException;
import java.time.Instant;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link TaskState} (state and checkpoints; no Kryo). Versioned ({@link
 * FormatVersionedSerializer}): a field added to the task state is a new format, and the reader of
 * every older format stays, so savepoints taken before it still restore.
 *
 * <p>Format 1: task id, map ({@link ValueCodec}), creation, last event, timeout, inactivity timeout
 * (each a ValueCodec value, null when unset), timer (epoch ms).
 *
 * <p>Format 2: as format 1, but the map as {@link PackedMap#writePortable} writes it: the packed
 * map's values as they are in memory, so a state backend that serializes on every access (RocksDB)
 * copies bytes instead of building and walking a Java map.
 *
 * <p>Format 3: as format 2 without the timer: the keyed stage's timer for a task is always at its
 * deadline + 1 ms, so the stage derives it and the task state no longer keeps it (the timers
 * themselves are in Flink's timer state). Formats 1 and 2 are read with the timer skipped.
 */
public final class TaskStateSerializer extends FormatVersionedSerializer<TaskState> {
    private static final long serialVersionUID = 1L;

    public static final int CURRENT_FORMAT = 3;
    public static final TaskStateSerializer INSTANCE = new TaskStateSerializer(CURRENT_FORMAT);

    private TaskStateSerializer(int format) {
        super(format, CURRENT_FORMAT);
    }

    @Override
    public int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    public TaskStateSerializer forFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new TaskStateSerializer(format);
    }

    @Override
    public TaskState createInstance() {
        return new TaskState();
    }

    @Override
    public TaskState copy(TaskState from) {
        TaskState t = new TaskState();
        // a packed map is never changed in place: the copy shares it
        t.copyFrom(from);
        return t;
    }

    @Override
    public void serialize(TaskState t, DataOutputView out) throws IOException {
        checkWritable();
        ValueCodec.writeString(t.taskId, out);
        PackedMap.writePortable(t.packedMap, out);
        ValueCodec.write(t.creation(), out);
        ValueCodec.write(t.lastEvent(), out);
        ValueCodec.write(t.timeout(), out);
        ValueCodec.write(t.inactivityTimeout(), out);
    }

    @Override
    public TaskState deserialize(DataInputView in) throws IOException {
        TaskState t = new TaskState();
        t.taskId = ValueCodec.readString(in);
        t.packedMap =
                format() == 1 ? PackedMap.pack(ValueCodec.readMap(in)) : PackedMap.readPortable(in);
        t.setCreation((Instant) ValueCodec.read(in));
        t.setLastEvent((Instant) ValueCodec.read(in));
        t.setTimeouts((Long) ValueCodec.read(in), (Long) ValueCodec.read(in));
        if (format() < 3) {
            in.readLong(); // the timer, derived from the deadline since format 3
        }
        return t;
    }

    @Override
    public TypeSerializerSnapshot<TaskState> snapshotConfiguration() {
        return new Snapshot(format());
    }

    /** Stored in checkpoints and savepoints under this class name: never rename or move it. */
    public static final class Snapshot extends FormatVersionedSnapshot<TaskState> {
        public Snapshot() {
            this(CURRENT_FORMAT);
        }

        Snapshot(int format) {
            super(INSTANCE, format);
        }
    }
}
