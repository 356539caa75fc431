package io.logaggregate.aggregate;

import io.logaggregate.event.flink.ValueCodec;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link TaskState} (state and checkpoints; no Kryo). */
public final class TaskStateSerializer extends TypeSerializerSingleton<TaskState> {
    public static final TaskStateSerializer INSTANCE = new TaskStateSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TaskState createInstance() {
        return new TaskState();
    }

    @Override
    @SuppressWarnings("unchecked")
    public TaskState copy(TaskState from) {
        TaskState t = new TaskState();
        t.taskId = from.taskId;
        t.map = (Map<String, Object>) io.logaggregate.event.Values.deepCopy(from.map);
        t.creation = from.creation;
        t.lastEvent = from.lastEvent;
        t.timeout = from.timeout;
        t.inactivityTimeout = from.inactivityTimeout;
        t.timer = from.timer;
        return t;
    }

    @Override
    public TaskState copy(TaskState from, TaskState reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(TaskState t, DataOutputView out) throws IOException {
        ValueCodec.writeString(t.taskId, out);
        ValueCodec.writeMap(t.map, out);
        ValueCodec.write(t.creation, out);
        ValueCodec.write(t.lastEvent, out);
        ValueCodec.write(t.timeout, out);
        ValueCodec.write(t.inactivityTimeout, out);
        out.writeLong(t.timer);
    }

    @Override
    public TaskState deserialize(DataInputView in) throws IOException {
        TaskState t = new TaskState();
        t.taskId = ValueCodec.readString(in);
        t.map = new LinkedHashMap<>(ValueCodec.readMap(in));
        t.creation = (Instant) ValueCodec.read(in);
        t.lastEvent = (Instant) ValueCodec.read(in);
        t.timeout = (Long) ValueCodec.read(in);
        t.inactivityTimeout = (Long) ValueCodec.read(in);
        t.timer = in.readLong();
        return t;
    }

    @Override
    public TaskState deserialize(TaskState reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<TaskState> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot for savepoint compatibility. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<TaskState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
