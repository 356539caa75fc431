package io.logaggregate.cluster;

import static io.logaggregate.cluster.FlinkSessionCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logaggregate.io.elasticsearch.ElasticsearchServerExtension;
import io.logaggregate.io.kafka.KafkaBrokerExtension;
import io.logaggregate.io.s3.S3ServerExtension;
import io.logaggregate.job.GoldenEvents;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code target/log-aggregate-job.jar} on a real standalone Flink session cluster (a JobManager and
 * two TaskManagers, separate JVMs; {@link FlinkSessionCluster}), submitted with {@code flink run}
 * as a user would. The job jar leaves out what flink-connector-elasticsearch7 brings besides the
 * low-level REST client (pom.xml, {@link JobJarITCase}): {@link
 * #everyFilterRubyKafkaAndElasticsearchFromTheJobJar} runs every code path that could need it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith({
    ElasticsearchServerExtension.class,
    KafkaBrokerExtension.class,
    S3ServerExtension.class
})
class FlinkClusterITCase {
    @RegisterExtension static final FlinkSessionCluster CLUSTER = new FlinkSessionCluster(2, 2);

    private static final String JAR = Path.of("target", "log-aggregate-job.jar").toString();
    private static final Duration RUN = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");

    /** A copy of a golden job whose events go to a file instead of stdout. */
    private static Path withFileOutput(String job, Path out) throws IOException {
        Path dir = CLUSTER.home().resolve("jobs").resolve(job);
        Files.createDirectories(dir);
        String text = Files.readString(Path.of("jobs", job, "pipeline.conf"));
        int output = text.lastIndexOf("\noutput {");
        text =
                text.substring(0, output)
                        + "\noutput { file { path => \""
                        + out
                        + "\" codec => json_lines } }\n";
        Path conf = dir.resolve("pipeline.conf");
        Files.writeString(conf, text);
        Path yml = Path.of("jobs", job, "pipeline.yml");
        if (Files.exists(yml)) {
            // a job may be copied twice (postfix: file output, then S3 output)
            Files.copy(yml, dir.resolve("pipeline.yml"), StandardCopyOption.REPLACE_EXISTING);
        }
        return conf;
    }

    private static void assertGolden(String job, Path out) throws IOException {
        List<String> expected = Files.readAllLines(Path.of("jobs", job, "expected.jsonl"));
        boolean ts = GoldenEvents.expectsTimestamps(expected);
        assertThat(GoldenEvents.canonical(Files.readAllLines(out), ts))
                .as("events of %s on the cluster", job)
                .containsExactlyElementsOf(GoldenEvents.canonical(expected, ts));
    }

    private static FlinkSessionCluster.Cli flink(String... args) throws Exception {
        FlinkSessionCluster.Cli cli = CLUSTER.flink(RUN, args);
        assertThat(cli.exitCode())
                .as("flink %s:\n%s", String.join(" ", args), cli.output())
                .isZero();
        return cli;
    }

    private static String jobId(FlinkSessionCluster.Cli cli) {
        Matcher m = JOB_ID.matcher(cli.output());
        assertThat(m.find()).as("job id in:\n%s", cli.output()).isTrue();
        return m.group(1);
    }

    @Test
    @Order(1)
    void postfixJobGivesItsEventsWithFlinkRunParallelismAndItsName() throws Exception {
        Path out = CLUSTER.home().resolve("postfix.jsonl");
        Path conf = withFileOutput("postfix", out);
        String id = jobId(flink("run", "-p", "2", JAR, "run", conf.toString()));
        assertGolden("postfix", out);
        JsonNode job = CLUSTER.rest("/jobs/" + id);
        assertThat(job.path("name").asText()).isEqualTo("postfix");
        List<Integer> parallelism = new ArrayList<>();
        job.path("vertices").forEach(v -> parallelism.add(v.path("parallelism").asInt()));
        assertThat(parallelism).as("vertex parallelism (flink run -p 2)").contains(2);
    }

    /**
     * The file output to a bucket from the cluster: the S3 file system is the cluster's plugin
     * (plugins/s3-fs-hadoop, s3.* keys in config.yaml), not in the job jar; the TaskManagers write
     * and commit the parts, the client needs no S3 settings.
     */
    @Test
    @Order(2)
    void postfixJobWritesItsEventsToABucketThroughTheClustersS3Plugin() throws Exception {
        String base = "s3://archive/cluster-" + System.nanoTime();
        Path conf = withFileOutput("postfix", Path.of("unused"));
        Files.writeString(
                conf,
                Files.readString(conf)
                        .replace("path => \"unused\"", "path => \"" + base + "/%{hostname}\""));
        flink("run", "-p", "2", JAR, "run", conf.toString());
        org.apache.flink.core.fs.Path root = new org.apache.flink.core.fs.Path(base);
        S3ServerExtension.initializeFileSystems();
        List<String> lines = new ArrayList<>();
        for (org.apache.flink.core.fs.FileStatus host : root.getFileSystem().listStatus(root)) {
            for (org.apache.flink.core.fs.FileStatus part :
                    root.getFileSystem().listStatus(host.getPath())) {
                assertThat(part.getPath().getName()).startsWith("part-");
                try (var in = root.getFileSystem().open(part.getPath())) {
                    new String(in.readAllBytes(), StandardCharsets.UTF_8)
                            .lines()
                            .forEach(lines::add);
                }
            }
        }
        List<String> expected = Files.readAllLines(Path.of("jobs", "postfix", "expected.jsonl"));
        assertThat(GoldenEvents.diff(expected, lines)).isEmpty();
    }

    @Test
    @Order(2)
    void twelveRubyJobsInARowLeaveTheTaskManagersAlive() throws Exception {
        long start = System.nanoTime();
        for (int i = 1; i <= 12; i++) {
            Path out = CLUSTER.home().resolve("ruby-" + i + ".jsonl");
            Path conf = withFileOutput("example1", out);
            flink("run", "-p", "2", JAR, "run", conf.toString());
            assertGolden("example1", out);
            org.apache.flink.util.FileUtils.deleteDirectory(conf.getParent().toFile());
        }
        for (Process tm : CLUSTER.taskManagers()) {
            assertThat(tm.isAlive()).as("TaskManager alive after 12 Ruby jobs").isTrue();
        }
        CLUSTER.awaitSlots(4, Duration.ofSeconds(10));
        for (JsonNode tm : CLUSTER.rest("/taskmanagers").path("taskmanagers")) {
            // the REST server fetches TaskManager metrics every few seconds: the first answers
            // may be empty
            String query =
                    "/taskmanagers/"
                            + tm.path("id").asText()
                            + "/metrics?get=Status.JVM.Memory.Metaspace.Used";
            JsonNode value = CLUSTER.rest(query).path(0).path("value");
            for (long until = System.nanoTime() + 30_000_000_000L;
                    value.isMissingNode() && System.nanoTime() < until; ) {
                Thread.sleep(1000);
                value = CLUSTER.rest(query).path(0).path("value");
            }
            if (value.isMissingNode()) {
                System.out.printf(
                        "FlinkClusterITCase: %s Metaspace used: not reported%n",
                        tm.path("id").asText());
                continue;
            }
            double mb = value.asDouble() / (1 << 20);
            System.out.printf(
                    "FlinkClusterITCase: %s Metaspace used after 12 Ruby jobs: %.0f MB%n",
                    tm.path("id").asText(), mb);
            // printed, not asserted: Metaspace "used" includes classes of ended jobs that no
            // GC has unloaded yet (one TaskManager read 37 MB, the other 198 MB); the proof is
            // that 12 Ruby jobs pass at the default maximum (256 MB) with the TaskManagers alive,
            // where 12 leaked JRuby class loaders would need ~300 MB
        }
        System.out.printf(
                "FlinkClusterITCase: 12 Ruby jobs in %d s%n",
                (System.nanoTime() - start) / 1_000_000_000L);
    }

    // ------------------------------------------------------------------ the whole job jar

    private static final String[] SHOP_LINES = {
        "<34>Oct 11 22:14:15 mx1 shop: order=1001 items=\"a;b\" user=ann size=12"
                + " agent=\"Mozilla/5.0 (X11; Linux x86_64; rv:109.0) Gecko/20100101 Firefox/115.0\""
                + " path=%2Fcart%3Fid%3D1 payload={\"n\":1}",
        "<34>Oct 11 22:14:16 mx1 shop: order=1002 items=\"c\" user=bob size=abc"
                + " agent=\"curl/8.4.0\" path=%2Fhome payload={\"n\":2}"
    };

    /**
     * Kafka in, every filter, Ruby (the ruby filter and aggregate code), Kafka out (zstd, a native
     * library loaded from the job jar) and Elasticsearch out with an index template and a rejected
     * document in the dead-letter file: the code paths of the job jar's libraries, on the cluster,
     * with the jar's class loader.
     */
    @Test
    @Order(3)
    void everyFilterRubyKafkaAndElasticsearchFromTheJobJar() throws Exception {
        String es = ElasticsearchServerExtension.url();
        String index = "postfix-cluster-shop";
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/" + index, "/_template/postfix-cluster-shop")) {
            http.send(
                    HttpRequest.newBuilder(URI.create(es + path)).DELETE().build(),
                    HttpResponse.BodyHandlers.discarding());
        }
        KafkaBrokerExtension.createTopic("cluster-shop-in", 2);
        KafkaBrokerExtension.createTopic("cluster-shop-out", 1);
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String line : SHOP_LINES) {
                producer.send(new ProducerRecord<>("cluster-shop-in", "mx1", line)).get();
            }
        }
        Path dir = CLUSTER.home().resolve("shop-job");
        Files.createDirectories(dir);
        Path deadLetter = dir.resolve("dead-letter.jsonl");
        Path template = Path.of("conf", "elasticsearch", "postfix-template.json").toAbsolutePath();
        Path conf = dir.resolve("shop.conf");
        Files.writeString(
                conf,
                String.join(
                        "\n",
                        "input { kafka { bootstrap_servers => \""
                                + KafkaBrokerExtension.bootstrapServers()
                                + "\" topics => [\"cluster-shop-in\"] group_id => \"cluster-shop\""
                                + " auto_offset_reset => \"earliest\" } }",
                        "filter {",
                        "  syslog_pri { }",
                        "  grok { match => { \"message\" => \"<%{INT}>%{SYSLOGTIMESTAMP:ts}"
                                + " %{HOSTNAME:hostname} %{WORD:program}: %{GREEDYDATA:rest}\" } }",
                        "  date { match => [\"ts\", \"MMM dd HH:mm:ss\"] timezone => \"UTC\" }",
                        "  kv { source => \"rest\" }",
                        "  dissect { mapping => { \"ts\" => \"%{month} %{day} %{time}\" } }",
                        "  csv { source => \"items\" separator => \";\" columns => [\"item1\","
                                + " \"item2\"] }",
                        "  json { source => \"payload\" target => \"payload_json\" }",
                        "  urldecode { field => \"path\" }",
                        "  useragent { source => \"agent\" target => \"ua\" }",
                        "  translate { source => \"user\" target => \"user_name\""
                                + " dictionary => { \"ann\" => \"Ann A.\" \"bob\" => \"Bob B.\" } }",
                        "  fingerprint { source => \"user\" target => \"fp\" method => \"MURMUR3\" }",
                        "  uuid { target => \"uid\" }",
                        "  truncate { fields => [\"agent\"] length_bytes => 7 }",
                        "  ruby { code => \"event.set('path_len', event.get('path').length)\" }",
                        "  aggregate { task_id => \"%{hostname}\" code => \"map['n'] ||= 0;"
                                + " map['n'] += 1; event.set('seen', map['n'])\" }",
                        "  clone { clones => [\"copy\"] }",
                        "  if [type] == \"copy\" { split { field => \"items\" terminator => \";\" } }",
                        "  mutate { rename => { \"order\" => \"taskid\" }"
                                + " remove_field => [\"rest\", \"payload\", \"message\", \"uid\"] }",
                        "  prune { blacklist_names => [\"^time$\"] }",
                        "}",
                        "output {",
                        "  elasticsearch { hosts => \""
                                + es
                                + "\" index => \""
                                + index
                                + "\" template => \""
                                + template
                                + "\" template_name => \"postfix-cluster-shop\""
                                + " dead_letter_path => \""
                                + deadLetter
                                + "\" }",
                        "  kafka { bootstrap_servers => \""
                                + KafkaBrokerExtension.bootstrapServers()
                                + "\" topic_id => \"cluster-shop-out\" message_key =>"
                                + " \"%{taskid}\" codec => json compression_type => \"zstd\" }",
                        "}",
                        ""));
        String id = jobId(flink("run", "-d", "-p", "2", JAR, "run", conf.toString()));

        // 2 lines, each with its clone; the clone of the first is split in two: 5 events, of
        // which the 2 of order 1002 (size "abc", an integer in the template) are rejected
        List<JsonNode> out = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = outputReader()) {
            consumer.subscribe(List.of("cluster-shop-out"));
            await(
                    "5 events in the output topic",
                    RUN,
                    () -> {
                        for (ConsumerRecord<String, String> r :
                                consumer.poll(Duration.ofMillis(500))) {
                            out.add(JSON.readTree(r.value()));
                        }
                        return out.size() >= 5;
                    });
        }
        await("3 documents in Elasticsearch", RUN, () -> count(http, es, index) >= 3);
        await("2 rejected documents in the dead-letter file", RUN, () -> lines(deadLetter) >= 2);
        flink("cancel", id);

        assertThat(out).hasSize(5);
        JsonNode first = out.stream().filter(e -> !e.has("type")).findFirst().orElseThrow();
        assertThat(first.path("taskid").asText()).isIn("1001", "1002");
        JsonNode ann =
                out.stream()
                        .filter(e -> e.path("taskid").asText().equals("1001") && !e.has("type"))
                        .findFirst()
                        .orElseThrow();
        assertThat(ann.path("syslog_facility").asText()).isEqualTo("user-level");
        assertThat(ann.path("@timestamp").asText()).endsWith("-10-11T22:14:15.000Z");
        assertThat(ann.path("month").asText()).isEqualTo("Oct");
        assertThat(ann.path("item1").asText()).isEqualTo("a");
        assertThat(ann.path("item2").asText()).isEqualTo("b");
        assertThat(ann.path("payload_json").path("n").asInt()).isEqualTo(1);
        assertThat(ann.path("path").asText()).isEqualTo("/cart?id=1");
        assertThat(ann.path("ua").path("name").asText()).isEqualTo("Firefox");
        assertThat(ann.path("ua").path("major").asText()).isEqualTo("115");
        assertThat(ann.path("user_name").asText()).isEqualTo("Ann A.");
        assertThat(ann.path("fp").isNumber()).isTrue();
        assertThat(ann.path("agent").asText()).isEqualTo("Mozilla");
        assertThat(ann.path("path_len").asInt()).isEqualTo(10);
        assertThat(ann.path("seen").asInt()).isEqualTo(1);
        assertThat(ann.has("time")).isFalse();
        assertThat(ann.has("uid")).isFalse();
        assertThat(
                        out.stream()
                                .filter(e -> e.path("type").asText().equals("copy"))
                                .map(
                                        e ->
                                                e.path("taskid").asText()
                                                        + ":"
                                                        + e.path("items").asText())
                                .sorted()
                                .toList())
                .containsExactly("1001:a", "1001:b", "1002:c");
        JsonNode bob =
                out.stream()
                        .filter(e -> e.path("taskid").asText().equals("1002") && !e.has("type"))
                        .findFirst()
                        .orElseThrow();
        assertThat(bob.path("user_name").asText()).isEqualTo("Bob B.");
        assertThat(bob.path("ua").path("name").asText()).isEqualTo("curl");
        assertThat(bob.path("seen").asInt()).isEqualTo(2);

        // the template mapped the index; order 1002 is in the dead-letter file, not in the index
        Thread.sleep(2000); // a late duplicate would show up now
        assertThat(count(http, es, index)).isEqualTo(3);
        JsonNode mapping =
                JSON.readTree(
                        http.send(
                                        HttpRequest.newBuilder(
                                                        URI.create(
                                                                es
                                                                        + "/"
                                                                        + index
                                                                        + "/_mapping/field/size"))
                                                .build(),
                                        HttpResponse.BodyHandlers.ofString())
                                .body());
        assertThat(mapping.path(index).path("mappings").path("size").path("mapping"))
                .as("size mapped by the template")
                .hasToString("{\"size\":{\"type\":\"integer\"}}");
        List<String> rejected = Files.readAllLines(deadLetter);
        assertThat(rejected).hasSize(2);
        for (String line : rejected) {
            JsonNode r = JSON.readTree(line);
            assertThat(r.path("status").asInt()).isEqualTo(400);
            assertThat(r.path("error").path("type").asText()).isEqualTo("mapper_parsing_exception");
            assertThat(r.path("event").path("taskid").asText()).isEqualTo("1002");
        }
    }

    private static KafkaConsumer<String, String> outputReader() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBrokerExtension.bootstrapServers());
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "cluster-shop-reader");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    // ------------------------------------------------------------------ savepoints

    private static String tasksPipeline(Path in, Path out, boolean withNewBlockFirst) {
        String first =
                withNewBlockFirst
                        ? "  aggregate { task_id => \"%{kind}\" code => \"map['c'] ||= 0;"
                                + " map['c'] += 1\" timeout => 3600 }\n"
                        : "";
        return "input { file { path => \""
                + in
                + "\" mode => \"tail\" start_position => \"beginning\" } }\n"
                + "filter {\n"
                + "  grok { match => { \"message\" => \"%{WORD:task} %{WORD:kind} %{INT:n:int}\" } }\n"
                + first
                + "  if [kind] == \"add\" {\n"
                + "    aggregate { task_id => \"%{task}\" code => \"map['sum'] ||= 0;"
                + " map['sum'] += event.get('n')\" timeout => 3600 }\n"
                + "  }\n"
                + "  if [kind] == \"end\" {\n"
                + "    aggregate { task_id => \"%{task}\" code => \"event.set('sum', map['sum'])\""
                + " map_action => \"update\" end_of_task => true }\n"
                + "  }\n"
                + "}\n"
                + "output { file { path => \""
                + out
                + "\" codec => json_lines } }\n";
    }

    private static void append(Path file, String... lines) throws IOException {
        Files.writeString(
                file,
                String.join("\n", lines) + "\n",
                StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
    }

    private static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file).size() : 0;
    }

    @Test
    @Order(4)
    void stopWithSavepointInsertAnAggregateBlockBeforeAndResume() throws Exception {
        Path dir = CLUSTER.home().resolve("savepoint-job");
        Files.createDirectories(dir);
        Path in = dir.resolve("in.log");
        Path out = dir.resolve("out.jsonl");
        append(in, "t1 add 1", "t2 add 5", "t1 add 2", "t3 add 7");
        Path v1 = dir.resolve("tasks.conf");
        Files.writeString(v1, tasksPipeline(in, out, false));
        String id = jobId(flink("run", "-d", "-p", "2", JAR, "run", v1.toString()));
        await("4 events through the first job", RUN, () -> lines(out) >= 4);

        FlinkSessionCluster.Cli stop =
                flink("stop", "--savepointPath", dir.resolve("savepoints").toUri().toString(), id);
        Matcher m = Pattern.compile("Path: (\\S+)").matcher(stop.output());
        assertThat(m.find()).as(stop.output()).isTrue();
        String savepoint = m.group(1);

        // the edit: a block with another task_id before the existing ones
        Path v2 = dir.resolve("tasks-edited.conf");
        Files.writeString(v2, tasksPipeline(in, out, true));
        String resumed =
                jobId(flink("run", "-d", "-p", "2", "-s", savepoint, JAR, "run", v2.toString()));

        // right after the restore, the stage of %{task} reports its 3 restored maps
        await(
                "the restored maps in the REST metrics",
                Duration.ofSeconds(60),
                () -> openMaps(resumed, "task") == 3);

        append(in, "t1 add 10", "t1 end 0", "t2 end 0", "t3 end 0");
        await(
                "the end events",
                RUN,
                () -> Files.readString(out).split("\"kind\":\"end\"", -1).length - 1 >= 3);
        Map<String, Long> sums = new TreeMap<>();
        for (String line : Files.readAllLines(out)) {
            JsonNode e = JSON.readTree(line);
            if (e.path("kind").asText().equals("end")) {
                sums.put(e.path("task").asText(), e.path("sum").asLong());
            }
        }
        assertThat(sums).isEqualTo(Map.of("t1", 13L, "t2", 5L, "t3", 7L));
        flink("cancel", resumed);
    }

    /**
     * The open maps of an aggregate stage, summed over its subtasks, read over the REST API: the
     * {@code open_tasks} gauge of the stage of {@code %{<field>}} (operator {@code
     * aggregate_<field>}).
     */
    private static double openMaps(String jobId, String field) throws Exception {
        for (JsonNode v : CLUSTER.rest("/jobs/" + jobId).path("vertices")) {
            if (!v.path("name").asText().contains("aggregate_" + field)) {
                continue;
            }
            String base = "/jobs/" + jobId + "/vertices/" + v.path("id").asText();
            for (JsonNode metric : CLUSTER.rest(base + "/subtasks/metrics")) {
                String name = metric.path("id").asText();
                if (name.endsWith(".open_tasks")) {
                    JsonNode value =
                            CLUSTER.rest(
                                    base
                                            + "/subtasks/metrics?agg=sum&get="
                                            + URLEncoder.encode(name, StandardCharsets.UTF_8));
                    return value.path(0).path("sum").asDouble(-1);
                }
            }
        }
        return -1;
    }

    // ------------------------------------------------------------------ TaskManager failure

    @Test
    @Order(5)
    void aTaskManagerKilledMidRunLosesAndDuplicatesNothing() throws Exception {
        String es = ElasticsearchServerExtension.url();
        String index = "cluster-failover";
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index)).DELETE().build(),
                HttpResponse.BodyHandlers.discarding());
        Path dir = CLUSTER.home().resolve("failover-job");
        Files.createDirectories(dir);
        Path in = dir.resolve("in.log");
        Path conf = dir.resolve("failover.conf");
        Files.writeString(
                conf,
                "input { file { path => \""
                        + in
                        + "\" mode => \"tail\" start_position => \"beginning\" } }\n"
                        + "filter {\n"
                        + "  grok { match => { \"message\" => \"%{WORD:task} %{WORD:kind} %{INT:n:int}\" } }\n"
                        + "  aggregate { task_id => \"%{task}\" code => \"map['sum'] ||= 0;"
                        + " map['sum'] += event.get('n'); map['lines'] = (map['lines'] || 0) + 1;"
                        + " if event.get('kind') == 'end' then event.set('sum', map['sum']);"
                        + " event.set('lines', map['lines']) end\""
                        + " end_of_task => false timeout => 3600 }\n"
                        + "}\n"
                        + "output { if [kind] == \"end\" { elasticsearch { hosts => \""
                        + es
                        + "\" index => \""
                        + index
                        + "\" document_id => \"%{task}\" } } }\n");
        int tasks = 200;
        List<String> adds = new ArrayList<>();
        for (int i = 0; i < tasks; i++) {
            adds.add("t" + i + " add 1");
            adds.add("t" + i + " add 2");
        }
        append(in, adds.toArray(String[]::new));
        String id =
                jobId(
                        flink(
                                "run",
                                "-d",
                                "-p",
                                "2",
                                JAR,
                                "run",
                                conf.toString(),
                                "--checkpoint-interval",
                                "1s"));
        List<String> ends = new ArrayList<>();
        for (int i = 0; i < tasks / 2; i++) {
            ends.add("t" + i + " end 4");
        }
        append(in, ends.toArray(String[]::new));
        await("the first half in Elasticsearch", RUN, () -> count(http, es, index) >= tasks / 4);

        // kill a TaskManager that runs a subtask of the job, mid-run; a new one takes its place
        String victim = null;
        for (JsonNode v : CLUSTER.rest("/jobs/" + id).path("vertices")) {
            JsonNode sub = CLUSTER.rest("/jobs/" + id + "/vertices/" + v.path("id").asText());
            for (JsonNode s : sub.path("subtasks")) {
                victim = s.path("taskmanager-id").asText();
            }
        }
        int n = Integer.parseInt(victim.substring("tm-".length()));
        CLUSTER.taskManagers().get(n).destroyForcibly().waitFor();
        CLUSTER.startTaskManager();

        ends.clear();
        for (int i = tasks / 2; i < tasks; i++) {
            ends.add("t" + i + " end 4");
        }
        append(in, ends.toArray(String[]::new));
        await("every task in Elasticsearch", RUN, () -> count(http, es, index) >= tasks);
        Thread.sleep(3000); // a late duplicate would show up now
        assertThat(count(http, es, index)).isEqualTo(tasks);
        JsonNode hits =
                JSON.readTree(
                                http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create(
                                                                        es
                                                                                + "/"
                                                                                + index
                                                                                + "/_search?size=1000"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.ofString())
                                        .body())
                        .path("hits")
                        .path("hits");
        for (JsonNode h : hits) {
            JsonNode doc = h.path("_source");
            assertThat(doc.path("sum").asLong()).as("sum of %s", h.path("_id")).isEqualTo(7);
            assertThat(doc.path("lines").asLong()).as("lines of %s", h.path("_id")).isEqualTo(3);
        }
        flink("cancel", id);
    }

    private static long count(HttpClient http, String es, String index) throws Exception {
        http.send(
                HttpRequest.newBuilder(URI.create(es + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<String> r =
                http.send(
                        HttpRequest.newBuilder(URI.create(es + "/" + index + "/_count")).build(),
                        HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? JSON.readTree(r.body()).path("count").asLong() : 0;
    }
}
