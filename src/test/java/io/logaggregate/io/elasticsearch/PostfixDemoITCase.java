package io.logaggregate.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, as a user runs it: the postfix job with {@code ES_HOSTS} set writes one
 * document per mail into the real Elasticsearch, under the template's mappings and stable ids, and
 * running it a second time adds nothing.
 */
@ExtendWith(ElasticsearchServerExtension.class)
class PostfixDemoITCase {
    @TempDir Path tmp;

    @Test
    void oneDocumentPerMailAndNoDuplicateOnRerun() throws Exception {
        try (EsTestClient es = new EsTestClient(ElasticsearchServerExtension.url())) {
            es.deleteIndex("postfix-*");
            es.deleteTemplate("postfix");

            runPostfixJob();
            TreeSet<String> expectedIds = expectedIds();
            assertThat(es.count("postfix-*")).isEqualTo(expectedIds.size()).isEqualTo(8);
            assertThat(ids(es)).isEqualTo(expectedIds);
            assertThat(es.fieldType("postfix-2026.11.09", "size")).isEqualTo("integer");
            assertThat(es.fieldType("postfix-2026.11.09", "client_ip")).isEqualTo("ip");
            assertThat(es.fieldType("postfix-2026.11.09", "@timestamp")).isEqualTo("date");

            runPostfixJob();
            assertThat(es.count("postfix-*")).isEqualTo(8);
            assertThat(Files.exists(tmp.resolve("dead.jsonl"))).isFalse();
        }
    }

    /** {@code java ... Main run jobs/postfix/pipeline.conf} with ES_HOSTS in its environment. */
    private void runPostfixJob() throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--add-opens=java.base/java.util=ALL-UNNAMED");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.logaggregate.cli.Main");
        cmd.addAll(List.of("run", "jobs/postfix/pipeline.conf", "-p", "2"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("ES_HOSTS", ElasticsearchServerExtension.url());
        pb.environment().put("ES_DEAD_LETTER", tmp.resolve("dead.jsonl").toString());
        pb.redirectError(tmp.resolve("stderr.txt").toFile());
        pb.redirectOutput(tmp.resolve("stdout.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(180, TimeUnit.SECONDS)).as("job finished").isTrue();
        assertThat(p.exitValue())
                .as("exit code; stderr:\n%s", Files.readString(tmp.resolve("stderr.txt")))
                .isZero();
        assertThat(Files.readString(tmp.resolve("stdout.txt"))).isEmpty();
    }

    /** host-queueid-epochseconds of each mail of the golden file. */
    private static TreeSet<String> expectedIds() throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        for (String line : Files.readAllLines(Path.of("jobs/postfix/expected.jsonl"))) {
            Map<String, Object> e = Json.readObject(line);
            long seconds = Instant.parse((String) e.get("@timestamp")).getEpochSecond();
            ids.add(e.get("hostname") + "-" + e.get("taskid") + "-" + seconds);
        }
        return ids;
    }

    private static TreeSet<String> ids(EsTestClient es) throws IOException {
        TreeSet<String> ids = new TreeSet<>();
        JsonNode hits =
                es.call("GET", "/postfix-*/_search?size=100&_source=false")
                        .path("hits")
                        .path("hits");
        for (JsonNode h : hits) {
            ids.add(h.path("_id").asText());
        }
        return ids;
    }
}
