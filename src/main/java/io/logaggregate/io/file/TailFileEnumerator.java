package io.logaggregate.io.file;

import io.logaggregate.io.lines.LineSplit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds files for tail mode: expands the globs every discover interval and hands each new file to
 * one reader as a never-ending split. The reader is chosen by the path's hash, so a file is always
 * followed by one subtask.
 *
 * <p>{@code start_position} applies to files found by the first discovery only; files that appear
 * later (a new log after rotation) are read from their start, as Logstash does.
 */
final class TailFileEnumerator implements SplitEnumerator<LineSplit, TailEnumeratorState> {
    private static final Logger LOG = LoggerFactory.getLogger(TailFileEnumerator.class);

    private final SplitEnumeratorContext<LineSplit> context;
    private final GlobPaths globs;
    private final boolean startAtEnd;
    private final long discoverMillis;
    private final Set<String> known;
    private final List<LineSplit> pending;
    private boolean initialDone;

    TailFileEnumerator(
            SplitEnumeratorContext<LineSplit> context,
            GlobPaths globs,
            boolean startAtEnd,
            long discoverMillis,
            TailEnumeratorState restored) {
        this.context = context;
        this.globs = globs;
        this.startAtEnd = startAtEnd;
        this.discoverMillis = discoverMillis;
        this.known = new LinkedHashSet<>(restored.known());
        this.pending = new ArrayList<>(restored.pending());
        this.initialDone = restored.initialDone();
    }

    @Override
    public void start() {
        context.callAsync(globs::find, this::onDiscovered, 0, Math.max(discoverMillis, 1));
    }

    private void onDiscovered(List<GlobPaths.Found> files, Throwable error) {
        if (error != null) {
            LOG.warn("file input: cannot list {}: {}", globs.patterns(), error.toString());
            return;
        }
        for (GlobPaths.Found f : files) {
            if (f.path().endsWith(".gz")) {
                // compressed files cannot be followed; read mode decompresses them
                if (known.add(f.path())) {
                    LOG.info("file input: tail mode skips compressed file {}", f.path());
                }
                continue;
            }
            if (known.add(f.path())) {
                long offset = !initialDone && startAtEnd ? f.size() : 0;
                LOG.info("file input: following {} from byte {}", f.path(), offset);
                pending.add(new LineSplit(f.path(), offset, 0, f.fileKey()));
            }
        }
        initialDone = true;
        assignPending();
    }

    private void assignPending() {
        int parallelism = context.currentParallelism();
        for (Iterator<LineSplit> it = pending.iterator(); it.hasNext(); ) {
            LineSplit split = it.next();
            int owner = Math.floorMod(split.splitId().hashCode(), parallelism);
            if (context.registeredReaders().containsKey(owner)) {
                context.assignSplit(split, owner);
                it.remove();
            }
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {}

    @Override
    public void addSplitsBack(List<LineSplit> splits, int subtaskId) {
        // the reader failed: its splits come back at their last checkpointed offsets
        pending.addAll(splits);
    }

    @Override
    public void addReader(int subtaskId) {
        assignPending();
    }

    @Override
    public TailEnumeratorState snapshotState(long checkpointId) {
        return new TailEnumeratorState(
                new LinkedHashSet<>(known), new ArrayList<>(pending), initialDone);
    }

    @Override
    public void close() {}
}
