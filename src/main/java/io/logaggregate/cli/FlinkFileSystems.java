package io.logaggregate.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.core.plugin.DefaultPluginManager;
import org.apache.flink.core.plugin.DirectoryBasedPluginFinder;
import org.apache.flink.core.plugin.PluginConfig;
import org.apache.flink.core.plugin.PluginDescriptor;
import org.apache.flink.core.plugin.PluginManager;

/**
 * Flink's file systems in a local run ({@code s3://}, {@code hdfs://} ... paths of the file input
 * and output), set up as a Flink process does at its start, with the {@code s3.*} / {@code fs.*}
 * settings of the pipeline's settings file.
 *
 * <p>File system implementations come from three places, as in a Flink distribution:
 *
 * <ul>
 *   <li>the plugins the build ships ({@code target/plugins}, one folder per plugin: Flink's S3 file
 *       system), which the launcher names in the {@value #BUNDLED_PLUGINS} system property;
 *   <li>the plugins folder that {@code FLINK_PLUGINS_DIR} names (default {@code plugins/} in the
 *       working directory, if it exists), as on a cluster; a plugin there replaces a bundled one of
 *       the same folder name;
 *   <li>the class path: Flink's Hadoop file system, the fallback for any scheme no plugin serves
 *       ({@code hdfs://}), with Hadoop's client jars from {@code target/lib}.
 * </ul>
 *
 * <p>The S3 file system must stay a plugin: it carries Hadoop 3.3.4's classes unrelocated, which
 * would clash with the HDFS client's on one class path. A {@code flink run} job never comes here:
 * the cluster's processes initialize their file systems from the cluster's config.yaml, plugins/
 * and HADOOP_CLASSPATH.
 */
public final class FlinkFileSystems {
    /** System property: the folder of the plugins that come with log-aggregate. */
    public static final String BUNDLED_PLUGINS = "log-aggregate.plugins";

    private static final String AWS_ANNOUNCEMENT = "aws.java.v1.disableDeprecationAnnouncement";

    private FlinkFileSystems() {}

    /** Sets up Flink's file systems in this JVM with these {@code s3.*} / {@code fs.*} settings. */
    public static void initialize(Map<String, String> settings) {
        // the AWS SDK inside flink-s3-fs-hadoop prints a stack trace about its end of support
        // each time an S3 file system starts: nothing a user of this job can act on
        if (System.getProperty(AWS_ANNOUNCEMENT) == null) {
            System.setProperty(AWS_ANNOUNCEMENT, "true");
        }
        Configuration conf = new Configuration();
        settings.forEach(conf::setString);
        withBufferDirUnderTmp(conf);
        FileSystem.initialize(conf, plugins(conf));
    }

    /** The plugins of the user's plugins folder, then the bundled ones not replaced by them. */
    static PluginManager plugins(Configuration conf) {
        Map<String, PluginDescriptor> byId = new LinkedHashMap<>();
        Optional<Path> user = PluginConfig.fromConfiguration(conf).getPluginsPath();
        String bundled = System.getProperty(BUNDLED_PLUGINS);
        List<Path> roots = new ArrayList<>();
        user.ifPresent(roots::add);
        if (bundled != null && Files.isDirectory(Path.of(bundled))) {
            roots.add(Path.of(bundled));
        }
        for (Path root : roots) {
            try {
                for (PluginDescriptor d : new DirectoryBasedPluginFinder(root).findPlugins()) {
                    byId.putIfAbsent(d.getPluginId(), d);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the plugins folder " + root, e);
            }
        }
        return new DefaultPluginManager(
                byId.values(), CoreOptions.getPluginParentFirstLoaderPatterns(conf));
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
                    Path.of(System.getProperty("java.io.tmpdir"), "s3a").toString());
        }
    }
}
