package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code file { mode => "read" }}: a file source ({@link ReadFileSource}) over the files the globs
 * match when the job starts, read in parallel; the source ends when all are read. Each file is one
 * split, except that where the job allows it ({@link InputSpec#SPLIT_LARGE_FILES}: batch mode) a
 * plain file larger than {@code split_size} is read in byte ranges by several readers.
 */
final class FileReadInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final GlobPaths globs;
    private final LineFileFormat format;
    private final CompletedFileAction completedAction;
    private final long splitSize;

    FileReadInput(String name, GlobPaths globs, LineFileFormat format, long splitSize) {
        this.name = name;
        this.globs = globs;
        this.format = format;
        this.completedAction = format.completedAction();
        this.splitSize = splitSize;
    }

    @Override
    public boolean bounded() {
        return true;
    }

    @Override
    public long sizeInBytes() {
        try {
            long total = 0;
            for (GlobPaths.Found f : globs.find()) {
                total += f.size();
            }
            return total;
        } catch (Exception e) {
            return -1;
        }
    }

    @Override
    public DataStream<Event> build(StreamExecutionEnvironment env) {
        // FileSource wants root paths; our enumerator expands the globs itself and ignores them
        Path[] roots = globs.patterns().stream().map(GlobPaths::baseUri).toArray(Path[]::new);
        boolean split =
                env.getConfiguration().get(InputSpec.SPLIT_LARGE_FILES) && format.isSplittable();
        ReadFileSource source =
                new ReadFileSource(
                        roots,
                        new GlobFileEnumerator.Provider(
                                globs, completedAction, split ? splitSize : 0),
                        format,
                        completedAction);
        return env.fromSource(
                source, WatermarkStrategy.noWatermarks(), name, EventTypeInfo.INSTANCE);
    }
}
