package io.logaggregate.io.file;

import io.logaggregate.event.Event;
import io.logaggregate.io.OutputSpec;
import io.logaggregate.io.codec.Encoder;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code file} output on a file system other than the local one ({@code s3://}, {@code
 * hdfs://}, any scheme a Flink file system plugin serves): Flink's {@link FileSink}. Objects on S3
 * cannot be appended to, so events go to part files that roll ({@link PartRolling}) under the
 * directory their interpolated {@code path} names ({@link PartBuckets}).
 *
 * <p>Exactly-once: a part is written as an in-progress file (on S3 a multipart upload, invisible
 * until completed) and becomes visible under its final name only when the checkpoint after its roll
 * completes, or at the end of a bounded run (batch mode, or a streaming run whose inputs end).
 * After a failure the job resumes from its last checkpoint and the parts are where that checkpoint
 * left them: nothing is visible twice or half-written.
 */
record PartFileOutput(
        String name,
        String pathTemplate,
        String filenameFailure,
        Encoder codec,
        boolean gzip,
        PartRolling rolling,
        long bucketCheckMillis,
        String partPrefix,
        String partSuffix)
        implements OutputSpec {
    private static final Logger LOG = LoggerFactory.getLogger(PartFileOutput.class);

    FileSink<Event> sink() {
        PartBuckets buckets = new PartBuckets(pathTemplate, filenameFailure);
        Path base = new Path(buckets.base());
        OutputFileConfig files =
                OutputFileConfig.builder()
                        .withPartPrefix(partPrefix)
                        .withPartSuffix(partSuffix)
                        .build();
        if (gzip) {
            return FileSink.forBulkFormat(base, new PartEncoding.Gzip(codec))
                    .withBucketAssigner(buckets)
                    .withRollingPolicy(rolling.forGzip())
                    .withBucketCheckInterval(bucketCheckMillis)
                    .withOutputFileConfig(files)
                    .build();
        }
        return FileSink.forRowFormat(base, new PartEncoding.Rows(codec))
                .withBucketAssigner(buckets)
                .withRollingPolicy(rolling.forRows())
                .withBucketCheckInterval(bucketCheckMillis)
                .withOutputFileConfig(files)
                .build();
    }

    @Override
    public void attach(DataStream<Event> events) {
        StreamExecutionEnvironment env = events.getExecutionEnvironment();
        boolean streaming =
                env.getConfiguration().get(ExecutionOptions.RUNTIME_MODE)
                        != RuntimeExecutionMode.BATCH;
        if (streaming && !env.getCheckpointConfig().isCheckpointingEnabled()) {
            LOG.warn(
                    "{}: checkpoints are off; its part files under {} become visible only when the"
                            + " inputs end",
                    name,
                    pathTemplate);
        }
        events.sinkTo(sink()).name(name);
    }
}
