package io.logaggregate.io.file;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.compression.StandardDeCompressors;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read mode's file enumerator: one split per file matching the globs, except that in batch mode a
 * plain (not compressed) file larger than {@code split_size} is cut into byte ranges read in
 * parallel ({@link #ranges}). (Flink's own enumerators take directories, not globs, and skip files
 * whose names start with "." or "_".)
 *
 * <p>Empty files get no split (Flink's stream reader refuses zero-length files); they count as
 * completed at once.
 */
final class GlobFileEnumerator implements FileEnumerator {
    private static final Logger LOG = LoggerFactory.getLogger(GlobFileEnumerator.class);

    private final GlobPaths globs;
    private final CompletedFileAction completedAction;
    private final long splitSize;

    /** {@code splitSize}: 0 reads every file as one split. */
    GlobFileEnumerator(GlobPaths globs, CompletedFileAction completedAction, long splitSize) {
        this.globs = globs;
        this.completedAction = completedAction;
        this.splitSize = splitSize;
    }

    @Override
    public Collection<FileSourceSplit> enumerateSplits(Path[] ignored, int minDesiredSplits)
            throws IOException {
        List<FileSourceSplit> splits = new ArrayList<>();
        boolean matchedAny = false;
        for (GlobPaths.Found f : globs.find()) {
            matchedAny = true;
            if (f.size() == 0) {
                completedAction.completed(f.path());
                continue;
            }
            Path path = GlobPaths.flinkPath(f.path());
            boolean compressed = StandardDeCompressors.getDecompressorForFileName(f.path()) != null;
            long[] bounds =
                    splitSize > 0 && !compressed
                            ? ranges(f.size(), splitSize, minDesiredSplits)
                            : new long[] {0, f.size()};
            for (int i = 0; i + 1 < bounds.length; i++) {
                splits.add(
                        new FileSourceSplit(
                                String.valueOf(splits.size()),
                                path,
                                bounds[i],
                                bounds[i + 1] - bounds[i],
                                f.modifiedMillis(),
                                f.size()));
            }
        }
        if (splits.isEmpty() && !matchedAny) {
            // Logstash would wait for a file forever; a run that ends at once with nothing read
            // and exit code 0 hides a wrong path, so it is an error (exit code 3)
            throw new FileNotFoundException(
                    "file input (mode => \"read\"): no file matches " + globs.patterns());
        }
        LOG.info("file input: {} splits of the files matching {}", splits.size(), globs.patterns());
        return splits;
    }

    /**
     * The range bounds of a file of {@code size} bytes: one range up to {@code splitSize} (and up
     * to 10% more, as Hadoop allows, so a file just over it is not cut into a tiny second split);
     * above, equal ranges of at most {@code splitSize} bytes, their number rounded up to a multiple
     * of the parallelism so that the readers get the same share of the file.
     */
    static long[] ranges(long size, long splitSize, int parallelism) {
        if (size <= splitSize + splitSize / 10) {
            return new long[] {0, size};
        }
        long n = (size + splitSize - 1) / splitSize;
        int p = Math.max(1, parallelism);
        n = (n + p - 1) / p * p;
        n = Math.min(n, size); // at least one byte each
        long[] bounds = new long[(int) n + 1];
        for (int i = 0; i <= n; i++) {
            bounds[i] = size / n * i + Math.min(i, size % n);
        }
        return bounds;
    }

    /** Serializable factory, created on the client and run in the job manager. */
    static final class Provider implements FileEnumerator.Provider {
        private static final long serialVersionUID = 1L;

        private final GlobPaths globs;
        private final CompletedFileAction completedAction;
        private final long splitSize;

        Provider(GlobPaths globs, CompletedFileAction completedAction, long splitSize) {
            this.globs = globs;
            this.completedAction = completedAction;
            this.splitSize = splitSize;
        }

        @Override
        public FileEnumerator create() {
            return new GlobFileEnumerator(globs, completedAction, splitSize);
        }
    }
}
