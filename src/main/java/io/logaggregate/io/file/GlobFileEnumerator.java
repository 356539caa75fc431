package io.logaggregate.io.file;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.flink.connector.file.src.FileSourceSplit;
import org.apache.flink.connector.file.src.enumerate.FileEnumerator;
import org.apache.flink.core.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Read mode's file enumerator: one split per file matching the globs. (Flink's own enumerators take
 * directories, not globs, and skip files whose names start with "." or "_".)
 *
 * <p>Empty files get no split (Flink's stream reader refuses zero-length files); they count as
 * completed at once.
 */
final class GlobFileEnumerator implements FileEnumerator {
    private static final Logger LOG = LoggerFactory.getLogger(GlobFileEnumerator.class);

    private final GlobPaths globs;
    private final CompletedFileAction completedAction;

    GlobFileEnumerator(GlobPaths globs, CompletedFileAction completedAction) {
        this.globs = globs;
        this.completedAction = completedAction;
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
            splits.add(
                    new FileSourceSplit(
                            String.valueOf(splits.size()),
                            GlobPaths.flinkPath(f.path()),
                            0,
                            f.size(),
                            f.modifiedMillis(),
                            f.size()));
        }
        if (splits.isEmpty() && !matchedAny) {
            // Logstash would wait for a file forever; a run that ends at once with nothing read
            // and exit code 0 hides a wrong path, so it is an error (exit code 3)
            throw new FileNotFoundException(
                    "file input (mode => \"read\"): no file matches " + globs.patterns());
        }
        LOG.info("file input: {} files match {}", splits.size(), globs.patterns());
        return splits;
    }

    /** Serializable factory, created on the client and run in the job manager. */
    static final class Provider implements FileEnumerator.Provider {
        private static final long serialVersionUID = 1L;

        private final GlobPaths globs;
        private final CompletedFileAction completedAction;

        Provider(GlobPaths globs, CompletedFileAction completedAction) {
            this.globs = globs;
            this.completedAction = completedAction;
        }

        @Override
        public FileEnumerator create() {
            return new GlobFileEnumerator(globs, completedAction);
        }
    }
}
