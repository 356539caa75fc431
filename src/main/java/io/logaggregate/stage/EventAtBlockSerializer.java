package io.logaggregate.stage;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.ValueCodec;
import io.logaggregate.program.EventAtBlock;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link EventAtBlock}. */
public final class EventAtBlockSerializer extends TypeSerializerSingleton<EventAtBlock> {
    public static final EventAtBlockSerializer INSTANCE = new EventAtBlockSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public EventAtBlock createInstance() {
        return new EventAtBlock(new Event(), 0, "");
    }

    @Override
    public EventAtBlock copy(EventAtBlock from) {
        return new EventAtBlock(from.event().copy(), from.pc(), from.taskId());
    }

    @Override
    public EventAtBlock copy(EventAtBlock from, EventAtBlock reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(EventAtBlock record, DataOutputView out) throws IOException {
        out.writeInt(record.pc());
        ValueCodec.writeString(record.taskId(), out);
        EventSerializer.INSTANCE.serialize(record.event(), out);
    }

    @Override
    public EventAtBlock deserialize(DataInputView in) throws IOException {
        int pc = in.readInt();
        String taskId = ValueCodec.readString(in);
        return new EventAtBlock(EventSerializer.INSTANCE.deserialize(in), pc, taskId);
    }

    @Override
    public EventAtBlock deserialize(EventAtBlock reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<EventAtBlock> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot for savepoint compatibility. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<EventAtBlock> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
