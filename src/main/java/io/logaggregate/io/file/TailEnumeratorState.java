package io.logaggregate.io.file;

import io.logaggregate.io.lines.LineSplit;
import io.logaggregate.io.lines.LineSplitSerializer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Checkpointed state of the tail enumerator: every path already handed out (so a restart does not
 * read them again from the start), the splits not yet assigned to a reader, and whether the first
 * discovery (the one {@code start_position} applies to) already ran.
 */
record TailEnumeratorState(Set<String> known, List<LineSplit> pending, boolean initialDone) {

    static final class Serializer implements SimpleVersionedSerializer<TailEnumeratorState> {
        static final Serializer INSTANCE = new Serializer();

        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(TailEnumeratorState state) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(256);
            out.writeBoolean(state.initialDone());
            out.writeInt(state.known().size());
            for (String p : state.known()) {
                out.writeUTF(p);
            }
            out.writeInt(state.pending().size());
            for (LineSplit s : state.pending()) {
                LineSplitSerializer.write(s, out);
            }
            return out.getCopyOfBuffer();
        }

        @Override
        public TailEnumeratorState deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("Unknown tail enumerator state version " + version);
            }
            DataInputDeserializer in = new DataInputDeserializer(bytes);
            boolean initialDone = in.readBoolean();
            int n = in.readInt();
            Set<String> known = new LinkedHashSet<>();
            for (int i = 0; i < n; i++) {
                known.add(in.readUTF());
            }
            int m = in.readInt();
            List<LineSplit> pending = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                pending.add(LineSplitSerializer.read(in));
            }
            return new TailEnumeratorState(known, pending, initialDone);
        }
    }
}
