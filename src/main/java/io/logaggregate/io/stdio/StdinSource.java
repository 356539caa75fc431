package io.logaggregate.io.stdio;

import io.logaggregate.event.Event;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.codec.Decoder;
import io.logaggregate.io.lines.LineRecordEmitter;
import io.logaggregate.io.lines.LineSourceReader;
import io.logaggregate.io.lines.LineSplit;
import io.logaggregate.io.lines.LineSplitSerializer;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.List;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Standard input as a bounded FLIP-27 source with a single split, {@code "stdin"}. (A legacy
 * SourceFunction would be shorter, but Flink treats those as unbounded, which would forbid BATCH
 * execution of a stdin pipeline.) Stdin cannot be rewound, so a restored job goes on reading where
 * the stream is.
 */
final class StdinSource implements Source<Event, LineSplit, Boolean> {
    private static final long serialVersionUID = 1L;
    static final String SPLIT_ID = "stdin";

    private final Decoder decoder;
    private final InputDecorator decorator;

    StdinSource(Decoder decoder, InputDecorator decorator) {
        this.decoder = decoder;
        this.decorator = decorator;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    @Override
    public SplitEnumerator<LineSplit, Boolean> createEnumerator(
            SplitEnumeratorContext<LineSplit> context) {
        return new Enumerator(context, false);
    }

    @Override
    public SplitEnumerator<LineSplit, Boolean> restoreEnumerator(
            SplitEnumeratorContext<LineSplit> context, Boolean assigned) {
        return new Enumerator(context, assigned);
    }

    @Override
    public SimpleVersionedSerializer<LineSplit> getSplitSerializer() {
        return LineSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<Boolean> getEnumeratorCheckpointSerializer() {
        return new SimpleVersionedSerializer<>() {
            @Override
            public int getVersion() {
                return 1;
            }

            @Override
            public byte[] serialize(Boolean assigned) {
                return new byte[] {(byte) (assigned ? 1 : 0)};
            }

            @Override
            public Boolean deserialize(int version, byte[] bytes) throws IOException {
                return bytes.length == 1 && bytes[0] == 1;
            }
        };
    }

    @Override
    public SourceReader<Event, LineSplit> createReader(SourceReaderContext context) {
        Charset charset = Charset.forName(decoder.charset());
        return new LineSourceReader(
                () -> new StdinSplitReader(charset),
                new LineRecordEmitter(decoder, decorator),
                context);
    }

    /** Hands the one split to the first reader, then tells every reader there is no more. */
    private static final class Enumerator implements SplitEnumerator<LineSplit, Boolean> {
        private final SplitEnumeratorContext<LineSplit> context;
        private boolean assigned;
        private LineSplit returned;

        Enumerator(SplitEnumeratorContext<LineSplit> context, boolean assigned) {
            this.context = context;
            this.assigned = assigned;
        }

        @Override
        public void start() {}

        @Override
        public void handleSplitRequest(int subtaskId, String requesterHostname) {}

        @Override
        public void addSplitsBack(List<LineSplit> splits, int subtaskId) {
            returned = splits.isEmpty() ? null : splits.get(0);
            assigned = returned == null;
        }

        @Override
        public void addReader(int subtaskId) {
            if (!assigned) {
                context.assignSplit(
                        returned != null ? returned : new LineSplit(SPLIT_ID, 0, 0, null),
                        subtaskId);
                assigned = true;
                returned = null;
            }
            context.signalNoMoreSplits(subtaskId);
        }

        @Override
        public Boolean snapshotState(long checkpointId) {
            return assigned;
        }

        @Override
        public void close() {}
    }
}
