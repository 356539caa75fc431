package io.logaggregate.io.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.logaggregate.event.Json;
import io.logaggregate.io.elasticsearch.ElasticsearchServerExtension;
import io.logaggregate.job.GoldenEvents;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live path as a user runs it: postfix lines in a 2-partition topic, keyed by queue id and
 * stamped with their log time, read by {@code jobs/kafka-postfix/pipeline.conf} (the CLI, in a JVM
 * of its own, at parallelism 2) and aggregated into one event per mail, written exactly once to an
 * output topic and to Elasticsearch: the same mails as the golden file of the file-based job.
 */
@ExtendWith({KafkaBrokerExtension.class, ElasticsearchServerExtension.class})
class KafkaPostfixITCase {
    private static final Pattern QUEUE_ID = Pattern.compile("postfix/\\w+\\[\\d+\\]: ([0-9A-F]+):");
    private static final DateTimeFormatter SYSLOG =
            DateTimeFormatter.ofPattern("yyyy MMM d HH:mm:ss", Locale.ROOT);

    @TempDir Path tmp;

    @Test
    void postfixMailsFromTwoPartitionsToATopicAndElasticsearch() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String in = "postfix-" + suffix;
        String out = "postfix-mails-" + suffix;
        KafkaBrokerExtension.createTopic(in, 2);
        KafkaBrokerExtension.createTopic(out, 2);
        String es = ElasticsearchServerExtension.url();
        http("DELETE", es + "/postfix-kafka-*");

        Instant last = produceMailLog(in);
        try (KafkaProducer<String, String> p = KafkaTestClients.producer()) {
            // syslog's MARK line, an hour on, in each partition: event time moves past the
            // 600 s timeout of the mail that never completes (the line itself is dropped)
            long mark = last.plusSeconds(3600).toEpochMilli();
            for (int partition = 0; partition < 2; partition++) {
                p.send(
                        new ProducerRecord<>(
                                in, partition, mark, null, "Nov 10 01:12:02 mx1 -- MARK --"));
            }
        }

        Process job = startJob(in, out, es);
        try {
            List<String> expected = Files.readAllLines(Path.of("jobs/postfix/expected.jsonl"));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            try (KafkaConsumer<String, String> c = KafkaTestClients.committedReader(out)) {
                KafkaTestClients.readUntil(
                        c,
                        records,
                        r -> r.size() >= expected.size() || !job.isAlive(),
                        Duration.ofMinutes(3),
                        Duration.ofSeconds(3));
            }
            assertThat(job.isAlive())
                    .as("job running; its log: target/kafka/job-%s.log", in)
                    .isTrue();
            assertThat(GoldenEvents.canonical(KafkaTestClients.values(records), true))
                    .as("mails in the output topic; job log in target/kafka/job-%s.log", in)
                    .containsExactlyElementsOf(GoldenEvents.canonical(expected, true));
            for (ConsumerRecord<String, String> r : records) {
                Map<String, Object> e = Json.readObject(r.value());
                assertThat(r.key()).isEqualTo(e.get("hostname") + "-" + e.get("taskid"));
            }

            TreeSet<String> ids = expectedIds(expected);
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (esIds(es).size() < ids.size() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            assertThat(esIds(es)).isEqualTo(ids);
            assertThat(Files.exists(tmp.resolve("dead.jsonl"))).isFalse();
        } finally {
            job.destroy();
            if (!job.waitFor(60, TimeUnit.SECONDS)) {
                job.destroyForcibly();
            }
        }
    }

    /**
     * jobs/postfix/mail.log into the topic, as a shipper of live logs sends it: each line keyed by
     * its queue id and stamped with its own time. Returns the last line's time.
     */
    private static Instant produceMailLog(String topic) throws Exception {
        Instant last = Instant.EPOCH;
        try (KafkaProducer<String, String> p = KafkaTestClients.producer()) {
            for (String line : Files.readAllLines(Path.of("jobs/postfix/mail.log"))) {
                Matcher m = QUEUE_ID.matcher(line);
                String key = m.find() ? m.group(1) : null;
                Instant at = lineTime(line, last);
                last = at.isAfter(last) ? at : last;
                p.send(new ProducerRecord<>(topic, null, at.toEpochMilli(), key, line)).get();
            }
        }
        return last;
    }

    /** The syslog time of a line; a line without one (garbage) is sent at the previous time. */
    private static Instant lineTime(String line, Instant previous) {
        try {
            String stamp = line.substring(0, Math.min(15, line.length())).replaceAll(" +", " ");
            return LocalDateTime.parse("2026 " + stamp, SYSLOG).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return previous;
        }
    }

    private Process startJob(String in, String out, String es) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        cmd.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.logaggregate.cli.Main");
        cmd.addAll(
                List.of(
                        "run",
                        "jobs/kafka-postfix/pipeline.conf",
                        "-p",
                        "2",
                        "--year",
                        "2026",
                        "--checkpoint-interval",
                        "1s"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("KAFKA_BOOTSTRAP", KafkaBrokerExtension.bootstrapServers());
        pb.environment().put("KAFKA_TOPIC", in);
        pb.environment().put("KAFKA_OUTPUT_TOPIC", out);
        pb.environment().put("KAFKA_GROUP", "group-" + in);
        pb.environment().put("ES_HOSTS", es);
        pb.environment().put("ES_DEAD_LETTER", tmp.resolve("dead.jsonl").toString());
        pb.redirectErrorStream(true);
        Path log = Files.createDirectories(Path.of("target/kafka")).resolve("job-" + in + ".log");
        pb.redirectOutput(log.toFile());
        return pb.start();
    }

    /** host-queueid-epochseconds of each mail of the golden file. */
    private static TreeSet<String> expectedIds(List<String> expected) throws Exception {
        TreeSet<String> ids = new TreeSet<>();
        for (String line : expected) {
            Map<String, Object> e = Json.readObject(line);
            long seconds = Instant.parse((String) e.get("@timestamp")).getEpochSecond();
            ids.add(e.get("hostname") + "-" + e.get("taskid") + "-" + seconds);
        }
        return ids;
    }

    private static TreeSet<String> esIds(String es) throws Exception {
        http("POST", es + "/postfix-kafka-*/_refresh");
        TreeSet<String> ids = new TreeSet<>();
        JsonNode hits =
                new ObjectMapper()
                        .readTree(
                                http("GET", es + "/postfix-kafka-*/_search?size=100&_source=false"))
                        .path("hits")
                        .path("hits");
        for (JsonNode h : hits) {
            ids.add(h.path("_id").asText());
        }
        return ids;
    }

    private static String http(String method, String url) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req =
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build();
        return client.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
