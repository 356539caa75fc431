package io.logaggregate.io.lines;

import java.io.IOException;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

/** Checkpoint form of {@link LineSplit}. */
public final class LineSplitSerializer implements SimpleVersionedSerializer<LineSplit> {
    public static final LineSplitSerializer INSTANCE = new LineSplitSerializer();

    @Override
    public int getVersion() {
        return 1;
    }

    @Override
    public byte[] serialize(LineSplit split) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        write(split, out);
        return out.getCopyOfBuffer();
    }

    @Override
    public LineSplit deserialize(int version, byte[] bytes) throws IOException {
        if (version != 1) {
            throw new IOException("Unknown LineSplit version " + version);
        }
        return read(new DataInputDeserializer(bytes));
    }

    public static void write(LineSplit split, DataOutputView out) throws IOException {
        out.writeUTF(split.splitId());
        out.writeLong(split.offset());
        out.writeLong(split.line());
        out.writeBoolean(split.fileKey() != null);
        if (split.fileKey() != null) {
            out.writeUTF(split.fileKey());
        }
    }

    public static LineSplit read(DataInputView in) throws IOException {
        String id = in.readUTF();
        long offset = in.readLong();
        long line = in.readLong();
        String key = in.readBoolean() ? in.readUTF() : null;
        return new LineSplit(id, offset, line, key);
    }
}
