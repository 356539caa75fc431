package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.AbstractFileSource;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.FileSourceSplitSerializer;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.apache.flink.connector.file.src.assigners.SimpleSplitAssigner;
import org.apache.flink.core.fs.Path;
import org.apache.flink.core.io.SimpleVersionedSerializer;

/**
 * Read mode's source: Flink's file source (its reader, split and checkpoint formats) with our
 * enumerator ({@link GlobFileEnumerator}: globs, byte ranges of large files) and our split
 * enumerator ({@link ReadSplitEnumerator}: a file read in ranges is completed once all are read).
 * Flink's {@code FileSource} is final and its enumerator cannot be replaced, hence this subclass of
 * its base class.
 */
final class ReadFileSource extends AbstractFileSource<Event, FileSourceSplit> {
    private static final long serialVersionUID = 1L;

    private final GlobFileEnumerator.Provider files;
    private final CompletedFileAction completedAction;

    ReadFileSource(
            Path[] roots,
            GlobFileEnumerator.Provider files,
            LineFileFormat format,
            CompletedFileAction completedAction) {
        // the assigner given to the base class is not used: our enumerator assigns the splits
        super(roots, files, SimpleSplitAssigner::new, format, null);
        this.files = files;
        this.completedAction = completedAction;
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>
            createEnumerator(SplitEnumeratorContext<FileSourceSplit> context) {
        Collection<FileSourceSplit> splits;
        try {
            splits = files.create().enumerateSplits(new Path[0], context.currentParallelism());
        } catch (IOException e) {
            throw new UncheckedIOException("file input: cannot list the files to read", e);
        }
        return new ReadSplitEnumerator(context, splits, completedAction, false);
    }

    @Override
    public SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>>
            restoreEnumerator(
                    SplitEnumeratorContext<FileSourceSplit> context,
                    PendingSplitsCheckpoint<FileSourceSplit> checkpoint) {
        return new ReadSplitEnumerator(context, checkpoint.getSplits(), completedAction, true);
    }

    @Override
    public SimpleVersionedSerializer<FileSourceSplit> getSplitSerializer() {
        return FileSourceSplitSerializer.INSTANCE;
    }
}
