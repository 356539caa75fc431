package io.logaggregate.program;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.FormatVersionedSerializer;
import io.logaggregate.event.flink.FormatVersionedSnapshot;
import io.logaggregate.event.flink.ValueCodec;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link StagedEvent}. Versioned ({@link FormatVersionedSerializer}).
 *
 * <p>Format 1: pc, key, then the event in {@link EventSerializer} format 1. Each format names the
 * event format it embeds, so that old staged events are read with the event reader of their time.
 */
public final class StagedEventSerializer extends FormatVersionedSerializer<StagedEvent> {
    private static final long serialVersionUID = 1L;

    public static final int CURRENT_FORMAT = 1;
    public static final StagedEventSerializer INSTANCE = new StagedEventSerializer(CURRENT_FORMAT);

    private final EventSerializer events;

    private StagedEventSerializer(int format) {
        super(format, CURRENT_FORMAT);
        this.events = EventSerializer.INSTANCE.forFormat(eventFormat(format));
    }

    /** The event format embedded in each staged-event format. */
    private static int eventFormat(int format) {
        return 1;
    }

    @Override
    public int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    public StagedEventSerializer forFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new StagedEventSerializer(format);
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
    public void serialize(StagedEvent record, DataOutputView out) throws IOException {
        checkWritable();
        out.writeInt(record.pc());
        ValueCodec.writeString(record.key(), out);
        events.serialize(record.event(), out);
    }

    @Override
    public StagedEvent deserialize(DataInputView in) throws IOException {
        int pc = in.readInt();
        String key = ValueCodec.readString(in);
        return new StagedEvent(events.deserialize(in), pc, key);
    }

    @Override
    public TypeSerializerSnapshot<StagedEvent> snapshotConfiguration() {
        return new Snapshot(format());
    }

    /** Stored in checkpoints and savepoints under this class name: never rename or move it. */
    public static final class Snapshot extends FormatVersionedSnapshot<StagedEvent> {
        public Snapshot() {
            this(CURRENT_FORMAT);
        }

        Snapshot(int format) {
            super(INSTANCE, format);
        }
    }
}
