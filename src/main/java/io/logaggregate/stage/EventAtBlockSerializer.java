package io.logaggregate.stage;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.CompactCodec;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.FormatVersionedSerializer;
import io.logaggregate.event.flink.FormatVersionedSnapshot;
import io.logaggregate.event.flink.ValueCodec;
import io.logaggregate.program.EventAtBlock;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

/**
 * Flink serializer for {@link EventAtBlock}. Versioned ({@link FormatVersionedSerializer}).
 *
 * <p>Format 1: pc, task id, then the event in {@link EventSerializer} format 1. Each format names
 * the event format it embeds, so that old records are read with the event reader of their time.
 *
 * <p>Format 2: pc and task id as {@link CompactCodec} writes them (a variable-length int, a
 * string), then the event in {@link EventSerializer} format 2.
 *
 * <p>These records are never in a checkpoint or savepoint: they travel between stages, and only
 * BATCH mode (which takes no checkpoints) keeps them in state, to order each key's events.
 */
public final class EventAtBlockSerializer extends FormatVersionedSerializer<EventAtBlock> {
    private static final long serialVersionUID = 1L;

    public static final int CURRENT_FORMAT = 2;
    public static final EventAtBlockSerializer INSTANCE =
            new EventAtBlockSerializer(CURRENT_FORMAT);

    private final EventSerializer events;

    private EventAtBlockSerializer(int format) {
        super(format, CURRENT_FORMAT);
        this.events = EventSerializer.INSTANCE.forFormat(eventFormat(format));
    }

    /** The event format embedded in each staged-event format. */
    private static int eventFormat(int format) {
        return format;
    }

    @Override
    public int currentFormat() {
        return CURRENT_FORMAT;
    }

    @Override
    public EventAtBlockSerializer forFormat(int format) {
        return format == CURRENT_FORMAT ? INSTANCE : new EventAtBlockSerializer(format);
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
    public void serialize(EventAtBlock record, DataOutputView out) throws IOException {
        checkWritable();
        CompactCodec.writeVarInt(record.pc(), out);
        CompactCodec.writeString(record.taskId(), out);
        events.serialize(record.event(), out);
    }

    @Override
    public EventAtBlock deserialize(DataInputView in) throws IOException {
        if (format() == 1) {
            int pc = in.readInt();
            String taskId = ValueCodec.readString(in);
            return new EventAtBlock(events.deserialize(in), pc, taskId);
        }
        int pc = CompactCodec.readVarInt(in);
        String taskId = CompactCodec.readString(in);
        return new EventAtBlock(events.deserialize(in), pc, taskId);
    }

    @Override
    public TypeSerializerSnapshot<EventAtBlock> snapshotConfiguration() {
        return new Snapshot(format());
    }

    /** The serializer snapshot (format version). */
    public static final class Snapshot extends FormatVersionedSnapshot<EventAtBlock> {
        public Snapshot() {
            this(CURRENT_FORMAT);
        }

        Snapshot(int format) {
            super(INSTANCE, format);
        }
    }
}
