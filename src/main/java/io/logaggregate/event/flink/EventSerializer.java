package io.logaggregate.event.flink;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/** Flink serializer for {@link Event}: no Kryo, no reflection. */
public final class EventSerializer extends TypeSerializerSingleton<Event> {
    public static final EventSerializer INSTANCE = new EventSerializer();

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public Event createInstance() {
        return new Event();
    }

    @Override
    public Event copy(Event from) {
        return from.copy();
    }

    @Override
    public Event copy(Event from, Event reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Event e, DataOutputView out) throws IOException {
        ValueCodec.writeMap(e.data(), out);
        ValueCodec.writeMap(e.metadata(), out);
        out.writeBoolean(e.isCancelled());
        ValueCodec.writeString(e.split(), out);
        out.writeLong(e.position());
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        Map<String, Object> data = ValueCodec.readMap(in);
        Map<String, Object> meta = ValueCodec.readMap(in);
        Event e = Event.restore(data, meta);
        if (in.readBoolean()) {
            e.cancel();
        }
        String split = ValueCodec.readString(in);
        e.setOrigin(split, in.readLong());
        return e;
    }

    @Override
    public Event deserialize(Event reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        serialize(deserialize(source), target);
    }

    @Override
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new EventSerializerSnapshot();
    }

    /** Snapshot for savepoint compatibility. */
    public static final class EventSerializerSnapshot extends SimpleTypeSerializerSnapshot<Event> {
        public EventSerializerSnapshot() {
            super(() -> INSTANCE);
        }
    }
}
