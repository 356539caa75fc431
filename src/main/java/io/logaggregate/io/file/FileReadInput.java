package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.InputSpec;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * {@code file { mode => "read" }}: Flink's {@link FileSource} over the files the globs match when
 * the job starts, one split per file, read in parallel; the source ends when all are read.
 */
final class FileReadInput implements InputSpec {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final GlobPaths globs;
    private final LineFileFormat format;
    private final CompletedFileAction completedAction;

    FileReadInput(String name, GlobPaths globs, LineFileFormat format) {
        this.name = name;
        this.globs = globs;
        this.format = format;
        this.completedAction = format.completedAction();
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
        FileSource<Event> source =
                FileSource.forBulkFileFormat(format, roots)
                        .setFileEnumerator(new GlobFileEnumerator.Provider(globs, completedAction))
                        .build();
        return env.fromSource(
                source, WatermarkStrategy.noWatermarks(), name, EventTypeInfo.INSTANCE);
    }
}
