package io.logaggregate.stage;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.CompactCodec;
import io.logaggregate.event.flink.EventSerializer;
import io.logaggregate.event.flink.FormatVersionedSerializer;
import io.logaggregate.event.flink.FormatVersionedSnapshot;
import io.logaggregate.event.flink.ValueCodec;
import io.logaggregate.program.EventAtBlock;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
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
 * <p>Format 3: pc and task id as in format 2, then the length of the event's bytes (a
 * variable-length int) and the event in {@link EventSerializer} format 2. With the length in front
 * a record is read without decoding its event ({@link EventAtBlock#encoded}) and copied as bytes:
 * in batch mode each record crosses the network, the sort buffer and possibly a spill file before
 * the aggregate decodes its event once.
 *
 * <p>These records are never in a checkpoint or savepoint: they travel between stages, and only
 * BATCH mode (which takes no checkpoints) keeps them in state, to order each key's events.
 */
public final class EventAtBlockSerializer extends FormatVersionedSerializer<EventAtBlock> {
    private static final long serialVersionUID = 1L;

    public static final int CURRENT_FORMAT = 3;

    /** Where the current format writes an event before its length is known, one per thread. */
    private static final ThreadLocal<DataOutputSerializer> SCRATCH =
            ThreadLocal.withInitial(() -> new DataOutputSerializer(1024));

    public static final EventAtBlockSerializer INSTANCE =
            new EventAtBlockSerializer(CURRENT_FORMAT);

    private final EventSerializer events;

    private EventAtBlockSerializer(int format) {
        super(format, CURRENT_FORMAT);
        this.events = EventSerializer.INSTANCE.forFormat(eventFormat(format));
    }

    /** The event format embedded in each staged-event format. */
    private static int eventFormat(int format) {
        return Math.min(format, 2);
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
        EventAtBlock.Encoded encoded = from.encodedEvent();
        if (encoded != null) {
            // the bytes never change: the copy decodes its own event from them
            return EventAtBlock.encoded(encoded, from.pc(), from.taskId());
        }
        return new EventAtBlock(from.event().copy(), from.pc(), from.taskId());
    }

    @Override
    public void serialize(EventAtBlock record, DataOutputView out) throws IOException {
        checkWritable();
        CompactCodec.writeVarInt(record.pc(), out);
        CompactCodec.writeString(record.taskId(), out);
        if (record.encodedEvent() instanceof EncodedEvent encoded) {
            CompactCodec.writeVarInt(encoded.bytes.length, out);
            out.write(encoded.bytes);
        } else {
            DataOutputSerializer scratch = SCRATCH.get();
            scratch.clear();
            events.serialize(record.event(), scratch);
            CompactCodec.writeVarInt(scratch.length(), out);
            out.write(scratch.getSharedBuffer(), 0, scratch.length());
        }
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
        if (format() == 2) {
            return new EventAtBlock(events.deserialize(in), pc, taskId);
        }
        byte[] bytes = new byte[CompactCodec.readVarInt(in)];
        in.readFully(bytes);
        return EventAtBlock.encoded(new EncodedEvent(bytes, events), pc, taskId);
    }

    /**
     * Copies a record in the current format as bytes, without decoding its event (Flink calls this
     * when it spills a sort buffer to disk).
     */
    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        if (format() != CURRENT_FORMAT) {
            super.copy(in, out);
            return;
        }
        // pc; then the task id and the event, each its length and bytes: copied as they are
        CompactCodec.writeVarInt(CompactCodec.readVarInt(in), out);
        copyBytes(in, out);
        copyBytes(in, out);
    }

    private static void copyBytes(DataInputView in, DataOutputView out) throws IOException {
        int length = CompactCodec.readVarInt(in);
        CompactCodec.writeVarInt(length, out);
        out.write(in, length);
    }

    /** An event read as bytes in {@link EventSerializer}'s format; decoded when first needed. */
    private static final class EncodedEvent implements EventAtBlock.Encoded {
        private final byte[] bytes;
        private final EventSerializer events;

        EncodedEvent(byte[] bytes, EventSerializer events) {
            this.bytes = bytes;
            this.events = events;
        }

        @Override
        public Event decode() {
            try {
                return events.deserialize(new DataInputDeserializer(bytes));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot decode an event between stages", e);
            }
        }
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
