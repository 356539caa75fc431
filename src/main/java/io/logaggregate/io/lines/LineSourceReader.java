package io.logaggregate.io.lines;

import io.logaggregate.event.Event;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

/**
 * Source reader for line streams (tail-mode files, stdin): one fetcher thread runs the {@link
 * SplitReader} over all splits of this subtask; the task thread emits via {@link
 * LineRecordEmitter}.
 */
public final class LineSourceReader
        extends SingleThreadMultiplexSourceReaderBase<
                LineRecord, Event, LineSplit, LineSplitState> {

    public LineSourceReader(
            Supplier<SplitReader<LineRecord, LineSplit>> splitReader,
            LineRecordEmitter emitter,
            SourceReaderContext context) {
        super(splitReader, emitter, context.getConfiguration(), context);
    }

    @Override
    public void start() {}

    @Override
    protected void onSplitFinished(Map<String, LineSplitState> finished) {}

    @Override
    protected LineSplitState initializedState(LineSplit split) {
        return new LineSplitState(split);
    }

    @Override
    protected LineSplit toSplitType(String splitId, LineSplitState state) {
        return state.toSplit();
    }
}
