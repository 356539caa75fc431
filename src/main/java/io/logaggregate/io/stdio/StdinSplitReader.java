package io.logaggregate.io.stdio;

import io.logaggregate.io.lines.LineRecord;
import io.logaggregate.io.lines.LineSplit;
import io.logaggregate.io.lines.LineSplitter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import org.apache.flink.connector.base.source.reader.RecordsBySplits;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

/**
 * Reads System.in in the fetcher thread (a blocking read is fine there; it cannot be woken, so
 * cancelling a job waiting on an idle terminal waits for the next line or EOF). At EOF the last
 * line is emitted even without a newline, and the split finishes.
 */
final class StdinSplitReader implements SplitReader<LineRecord, LineSplit> {
    private final LineSplitter splitter;
    private final byte[] chunk = new byte[64 * 1024];
    private LineSplit split;
    private long nextLine;

    StdinSplitReader(Charset charset) {
        this.splitter = new LineSplitter("\n", charset);
    }

    @Override
    public RecordsWithSplitIds<LineRecord> fetch() throws IOException {
        RecordsBySplits.Builder<LineRecord> out = new RecordsBySplits.Builder<>();
        if (split == null) {
            return out.build();
        }
        String id = split.splitId();
        InputStream in = System.in;
        int n = in.read(chunk);
        if (n < 0) {
            splitter.finish(
                    (text, end) -> out.add(id, new LineRecord(text, end, nextLine++, null)));
            out.addFinishedSplit(id);
            split = null;
        } else {
            splitter.feed(
                    chunk,
                    0,
                    n,
                    (text, end) -> out.add(id, new LineRecord(text, end, nextLine++, null)));
        }
        return out.build();
    }

    @Override
    public void handleSplitsChanges(SplitsChange<LineSplit> change) {
        if (change instanceof SplitsAddition<LineSplit> addition && !addition.splits().isEmpty()) {
            split = addition.splits().get(0);
            nextLine = split.line();
            splitter.reset(split.offset());
        }
    }

    @Override
    public void wakeUp() {}

    @Override
    public void close() {}
}
