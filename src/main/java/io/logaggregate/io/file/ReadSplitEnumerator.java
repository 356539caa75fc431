package io.logaggregate.io.file;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.Nullable;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.PendingSplitsCheckpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands read mode's splits to the readers one at a time, as Flink's {@code
 * StaticFileSplitEnumerator} does, and runs {@code file_completed_action} for a file read in
 * several byte ranges once all of them are read. (A file read whole is completed by its reader.)
 *
 * <p>Why here: no reader knows whether the other ranges of its file are done. The enumerator does:
 * Flink's file reader holds one split at a time and asks for the next only when it has emitted
 * every record of the one it holds, so a request from a reader means its previous split is done.
 *
 * <p>The count of unread ranges is not in the checkpoint: files are cut only in batch mode, which
 * takes no checkpoints (a failed batch task re-reads its splits, given back by {@link
 * #addSplitsBack}).
 */
final class ReadSplitEnumerator
        implements SplitEnumerator<FileSourceSplit, PendingSplitsCheckpoint<FileSourceSplit>> {
    private static final Logger LOG = LoggerFactory.getLogger(ReadSplitEnumerator.class);

    private final SplitEnumeratorContext<FileSourceSplit> context;
    private final CompletedFileAction completedAction;
    private final ArrayDeque<FileSourceSplit> pending;

    /** The split each reader holds. */
    private final Map<Integer, FileSourceSplit> reading = new HashMap<>();

    /** For each file cut in several ranges and not completed yet: the ids of its unread ranges. */
    private final Map<String, Set<String>> unreadRanges = new HashMap<>();

    ReadSplitEnumerator(
            SplitEnumeratorContext<FileSourceSplit> context,
            Collection<FileSourceSplit> splits,
            CompletedFileAction completedAction,
            boolean restored) {
        this.context = context;
        this.completedAction = completedAction;
        this.pending = new ArrayDeque<>(splits);
        for (FileSourceSplit s : splits) {
            // restored from a checkpoint, the ranges the readers hold are unknown here: such a
            // file is not completed (files are cut only in batch mode, which has no checkpoints)
            if (!restored && (s.offset() > 0 || s.length() < s.fileSize())) {
                unreadRanges
                        .computeIfAbsent(GlobPaths.shown(s.path()), p -> new HashSet<>())
                        .add(s.splitId());
            }
        }
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, @Nullable String hostname) {
        FileSourceSplit done = reading.remove(subtask);
        if (done != null) {
            rangeRead(done);
        }
        FileSourceSplit next = pending.poll();
        if (next == null) {
            context.signalNoMoreSplits(subtask);
            return;
        }
        reading.put(subtask, next);
        context.assignSplit(next, subtask);
        LOG.debug("assigned split {} to reader {}", next, subtask);
    }

    private void rangeRead(FileSourceSplit split) {
        String path = GlobPaths.shown(split.path());
        Set<String> unread = unreadRanges.get(path);
        if (unread != null && unread.remove(split.splitId()) && unread.isEmpty()) {
            unreadRanges.remove(path);
            completedAction.completed(path);
        }
    }

    @Override
    public void addSplitsBack(List<FileSourceSplit> splits, int subtask) {
        // the reader failed: its splits are read again, from their start
        reading.remove(subtask);
        for (FileSourceSplit s : splits) {
            Set<String> unread = unreadRanges.get(GlobPaths.shown(s.path()));
            if (unread != null) {
                unread.add(s.splitId());
            }
            pending.addFirst(s);
        }
    }

    @Override
    public void addReader(int subtask) {
        // readers ask for splits themselves
    }

    @Override
    public PendingSplitsCheckpoint<FileSourceSplit> snapshotState(long checkpointId) {
        return PendingSplitsCheckpoint.fromCollectionSnapshot(new ArrayList<>(pending));
    }

    @Override
    public void close() {}
}
