package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.io.InputDecorator;
import io.logaggregate.io.codec.Decoder;
import io.logaggregate.io.lines.LineRecordEmitter;
import io.logaggregate.io.lines.LineSourceReader;
import io.logaggregate.io.lines.LineSplit;
import io.logaggregate.io.lines.LineSplitSerializer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Tail mode of the file input (Logstash's default): an unbounded source that follows the matching
 * files as they grow and picks up new matching files. Offsets per file are part of Flink's
 * checkpoints (they replace Logstash's sincedb), so a restored job continues where the checkpoint
 * was taken and only complete lines are ever emitted.
 */
final class TailFileSource implements Source<Event, LineSplit, TailEnumeratorState> {
    private static final long serialVersionUID = 1L;

    private final GlobPaths globs;
    private final boolean startAtEnd;
    private final long statMillis;
    private final long discoverMillis;
    private final String delimiter;
    private final Decoder decoder;
    private final InputDecorator decorator;

    TailFileSource(
            GlobPaths globs,
            boolean startAtEnd,
            long statMillis,
            long discoverMillis,
            String delimiter,
            Decoder decoder,
            InputDecorator decorator) {
        this.globs = globs;
        this.startAtEnd = startAtEnd;
        this.statMillis = statMillis;
        this.discoverMillis = discoverMillis;
        this.delimiter = delimiter;
        this.decoder = decoder;
        this.decorator = decorator;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SplitEnumerator<LineSplit, TailEnumeratorState> createEnumerator(
            SplitEnumeratorContext<LineSplit> context) {
        return restoreEnumerator(context, new TailEnumeratorState(Set.of(), List.of(), false));
    }

    @Override
    public SplitEnumerator<LineSplit, TailEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<LineSplit> context, TailEnumeratorState state) {
        return new TailFileEnumerator(context, globs, startAtEnd, discoverMillis, state);
    }

    @Override
    public SimpleVersionedSerializer<LineSplit> getSplitSerializer() {
        return LineSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<TailEnumeratorState> getEnumeratorCheckpointSerializer() {
        return TailEnumeratorState.Serializer.INSTANCE;
    }

    @Override
    public SourceReader<Event, LineSplit> createReader(SourceReaderContext context) {
        Charset charset = Charset.forName(decoder.charset());
        return new LineSourceReader(
                () -> new TailFileSplitReader(delimiter, charset, statMillis),
                new LineRecordEmitter(decoder, decorator),
                context);
    }
}
