package io.logaggregate.program;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.ValueCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link StagedEvent}. */
public final class StagedEventSerializer extends TypeSerializerSingleton<StagedEvent> {
    public static final StagedEventSerializer INSTANCE = new StagedEventSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public StagedEvent createInstance() {
        return new StagedEvent(new Event(), 0, "");
    }

    @Override
    public StagedEvent copy(StagedEvent from) {
        return new StagedEvent(from.event().copy(), from.pc(), from.key());
    }

    @Override
    public StagedEvent copy(StagedEvent from, StagedEvent reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(StagedEvent record, DataOutputView out) throws IOException {
        out.writeInt(record.pc());
        ValueCodec.writeString(record.key(), out);
        EventSerializer.INSTANCE.serialize(record.event(), out);
    }

    @Override
    public StagedEvent deserialize(DataInputView in) throws IOException {
        int pc = in.readInt();
        String key = ValueCodec.readString(in);
        return new StagedEvent(EventSerializer.INSTANCE.deserialize(in), pc, key);
    }

    @Override
    public StagedEvent deserialize(StagedEvent reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<StagedEvent> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Snapshot for savepoint compatibility. */
    public static final class Snapshot extends SimpleTypeSerializerSnapshot<StagedEvent> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }
}
