package io.logaggregate.cli;

import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.PluginManager;
import org.apache.flink.core.plugin.PluginUtils;

/**
 * Flink's file systems in a local run ({@code s3://}, {@code hdfs://} ... paths of the file input
 * and output), set up as a Flink process does at its start, with the {@code s3.*} / {@code fs.*}
 * settings of the pipeline's settings file.
 *
 * <p>File system implementations come from two places: the class path (the launcher's target/lib
 * holds flink-s3-fs-hadoop), and, as on a cluster, the plugins folder that {@code
 * FLINK_PLUGINS_DIR} names (default {@code plugins/} in the working directory, if it exists), one
 * sub-folder per plugin. A {@code flink run} job never comes here: the cluster's processes
 * initialize their file systems from the cluster's config.yaml and plugins/.
 */
final class FlinkFileSystems {
    private static final String AWS_ANNOUNCEMENT = "aws.java.v1.disableDeprecationAnnouncement";

    private FlinkFileSystems() {}

    static void initialize(Map<String, String> settings) {
        // the AWS SDK inside flink-s3-fs-hadoop prints a stack trace about its end of support
        // each time an S3 file system starts: nothing a user of this job can act on
        if (System.getProperty(AWS_ANNOUNCEMENT) == null) {
            System.setProperty(AWS_ANNOUNCEMENT, "true");
        }
        Configuration conf = new Configuration();
        settings.forEach(conf::setString);
        withBufferDirUnderTmp(conf);
        PluginManager plugins = PluginUtils.createPluginManagerFromRootFolder(conf);
        FileSystem.initialize(conf, plugins);
    }

    /**
     * S3A buffers uploads in {@code fs.s3a.buffer.dir}, by default under Hadoop's own {@code
     * hadoop.tmp.dir} (/tmp/hadoop-USER), not under java.io.tmpdir: unless the settings name one,
     * it goes under the run's temporary folder, which the run removes at its end.
     */
    static void withBufferDirUnderTmp(Configuration conf) {
        if (!conf.containsKey("s3.buffer.dir") && !conf.containsKey("fs.s3a.buffer.dir")) {
            conf.setString(
                    "fs.s3a.buffer.dir",
                    java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "s3a").toString());
        }
    }
}
