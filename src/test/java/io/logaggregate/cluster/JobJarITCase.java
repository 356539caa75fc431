package io.logaggregate.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.jruby.Ruby;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What {@code target/log-aggregate-job.jar} (built by {@code package}, before this runs) holds: the
 * Elasticsearch client our output uses, not the Elasticsearch 7.10 server, Lucene and the rest that
 * flink-connector-elasticsearch7 brings (see the shade plugin's {@code artifactSet} in pom.xml),
 * and nothing that is loaded by name or as a resource lost with them. {@link FlinkClusterITCase}
 * runs the jar on a session cluster: every filter, Ruby, Kafka in and out, Elasticsearch with
 * template and dead letter.
 */
class JobJarITCase {
    private static final Path JAR = Path.of("target", "log-aggregate-job.jar");
    private static JarFile jar;

    @BeforeAll
    static void open() throws IOException {
        assertThat(JAR).as("built by `mvn package`").exists();
        jar = new JarFile(JAR.toFile());
        System.out.printf(
                "JobJarITCase: %s is %.1f MB, %d entries%n",
                JAR, Files.size(JAR) / 1e6, jar.size());
    }

    @AfterAll
    static void close() throws IOException {
        jar.close();
    }

    /** The files (not folders) under a path. */
    private static List<String> entries(String prefix) {
        return jar.stream()
                .map(ZipEntry::getName)
                .filter(n -> n.startsWith(prefix) && !n.endsWith("/"))
                .toList();
    }

    @Test
    void holdsTheLowLevelRestClientOnly_notTheElasticsearchServerOrLucene() {
        assertThat(jar.getEntry("org/elasticsearch/client/RestClient.class")).isNotNull();
        assertThat(jar.getEntry("org/apache/http/impl/nio/client/HttpAsyncClients.class"))
                .isNotNull();
        assertThat(entries("org/elasticsearch/"))
                .as("only the low-level REST client of org.elasticsearch")
                .allMatch(n -> n.startsWith("org/elasticsearch/client/"));
        assertThat(jar.getEntry("org/elasticsearch/client/RestHighLevelClient.class")).isNull();
        assertThat(entries("org/apache/lucene/")).isEmpty();
        assertThat(entries("com/carrotsearch/")).isEmpty();
        assertThat(entries("org/apache/flink/connector/elasticsearch/")).isEmpty();
        assertThat(entries("org/apache/flink/streaming/connectors/elasticsearch/")).isEmpty();
    }

    /** What a Flink cluster's lib/ or plugins/ has, and what Flink loads parent-first. */
    @Test
    void leavesOutWhatTheClusterProvides() {
        for (String provided :
                List.of(
                        "org/apache/flink/api/common/",
                        "org/apache/flink/runtime/",
                        "org/apache/flink/streaming/api/",
                        "org/apache/flink/connector/file/",
                        "org/apache/flink/fs/", // the S3 file systems (plugins/)
                        "org/apache/flink/contrib/streaming/state/", // RocksDB state backend
                        "org/rocksdb/",
                        "org/apache/logging/log4j/",
                        "org/slf4j/")) {
            assertThat(entries(provided)).as(provided).isEmpty();
        }
    }

    /** Elasticsearch's joda-time 2.10 once shadowed the newer copy JRuby ships and was built on. */
    @Test
    void jodaTimeIsJRubysOwn() throws IOException {
        Path jruby =
                Path.of(Ruby.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String cls = "org/joda/time/DateTimeZone.class";
        try (JarFile jrubyJar = new JarFile(jruby.toFile());
                InputStream ours = jar.getInputStream(jar.getEntry(cls));
                InputStream theirs = jrubyJar.getInputStream(jrubyJar.getEntry(cls))) {
            assertThat(ours.readAllBytes()).isEqualTo(theirs.readAllBytes());
        }
    }

    @Test
    void everyServiceItNamesIsInIt() throws IOException {
        List<String> missing = new ArrayList<>();
        List<String> services = entries("META-INF/services/");
        for (String service : services) {
            String text;
            try (InputStream in = jar.getInputStream(jar.getEntry(service))) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            for (String line : text.split("\n")) {
                String impl = line.replaceAll("#.*", "").trim();
                if (!impl.isEmpty() && jar.getEntry(impl.replace('.', '/') + ".class") == null) {
                    missing.add(service + ": " + impl);
                }
            }
        }
        assertThat(services)
                .contains(
                        "META-INF/services/org.apache.flink.table.factories.Factory",
                        "META-INF/services/javax.script.ScriptEngineFactory");
        assertThat(missing).as("service implementations not in the jar").isEmpty();
    }

    @Test
    void keepsTheResourcesLoadedByName() {
        assertThat(jar.getEntry("ua_parser/regexes.yaml")).isNotNull();
        assertThat(jar.getEntry("logstash-patterns-core/patterns/legacy/grok-patterns"))
                .isNotNull();
        assertThat(entries("META-INF/jruby.home/lib/ruby/stdlib/")).hasSizeGreaterThan(1000);
        assertThat(entries("linux/amd64/libzstd-jni")).isNotEmpty();
        assertThat(entries("org/xerial/snappy/native/Linux/x86_64/")).isNotEmpty();
    }

    /**
     * No file system of its own: a cluster has Flink's Hadoop file system (flink-dist), Hadoop from
     * HADOOP_CLASSPATH and the S3 file system as a plugin, and copies of them in the job jar would
     * clash with those.
     */
    @Test
    void holdsNoHadoopAndNoFileSystemPlugin() {
        assertThat(entries("org/apache/hadoop/")).isEmpty();
        assertThat(entries("org/apache/flink/runtime/fs/hdfs/")).isEmpty();
        assertThat(entries("org/apache/flink/fs/")).isEmpty();
        assertThat(entries("com/amazonaws/")).isEmpty();
    }
}
