package io.logaggregate.event.flink;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.util.Map;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link Event}: no Kryo, no reflection. Versioned ({@link
 * FormatVersionedSerializer}).
 *
 * <p>Format 1: data map, metadata map ({@link ValueCodec}), cancelled flag, split id, position.
 */
public final class EventSerializer extends FormatVersionedSerializer<Event> {
    private static final long serialVersionUID = 1L;

    public static final int CURRENT_FORMAT = 1;
    public static final EventSerializer INSTANCE = new EventSerializer(CURRENT_FORMAT);

    private EventSerializer(int format) {
        super(format, CURRENT_FORMAT);
    }

    @Override
    public int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    public EventSerializer forFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new EventSerializer(format);
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
    public void serialize(Event e, DataOutputView out) throws IOException {
        checkWritable();
        ValueCodec.writeMap(e.data(), out);
        ValueCodec.writeMap(e.metadata(), out);
        out.writeBoolean(e.isCancelled());
        ValueCodec.writeString(e.split(), out);
        out.writeLong(e.position());
    }

    @Override
    public Event deserialize(DataInputView in) throws IOException {
        // format 1 is the only one so far; a format 2 reader would switch on format() here
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
    public TypeSerializerSnapshot<Event> snapshotConfiguration() {
        return new EventSerializerSnapshot(format());
    }

    /** Stored in checkpoints and savepoints under this class name: never rename or move it. */
    public static final class EventSerializerSnapshot extends FormatVersionedSnapshot<Event> {
        public EventSerializerSnapshot() {
            this(CURRENT_FORMAT);
        }

        EventSerializerSnapshot(int format) {
            super(INSTANCE, format);
        }
    }
}
