package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.event.flink.EventTypeInfo;
import io.logaggregate.io.OutputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The elasticsearch output in Flink jobs against a real Elasticsearch 7.17. */
@ExtendWith(ElasticsearchServerExtension.class)
class ElasticsearchOutputITCase {
    private static final String TEMPLATE = "conf/elasticsearch/postfix-template.json";

    /** Keeps the metrics of every job; readable while the cluster runs (closing clears it). */
    private static final InMemoryReporter REPORTER = InMemoryReporter.createWithRetainedMetrics();

    private static MiniCluster flink;

    @BeforeAll
    static void startFlink() throws Exception {
        flink =
                new MiniCluster(
                        new MiniClusterConfiguration.Builder()
                                .setConfiguration(REPORTER.addToConfiguration(new Configuration()))
                                .setNumTaskManagers(1)
                                .setNumSlotsPerTaskManager(2)
                                .withRandomPorts()
                                .build());
        flink.start();
    }

    @AfterAll
    static void stopFlink() throws Exception {
        flink.close();
    }

    @TempDir Path tmp;
    private EsTestClient es;

    @BeforeEach
    void cleanUp() throws Exception {
        es = new EsTestClient(ElasticsearchServerExtension.url());
        es.deleteIndex("postfix-it-*");
        es.deleteTemplate("postfix-it");
    }

    @Test
    void documentsGetTheTemplatesMappingsAndTheirIds_andARerunAddsNothing() throws Exception {
        List<Event> events = PostfixEvents.events(300);
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts",
                                List.of(ElasticsearchServerExtension.url()),
                                "index",
                                "postfix-it-%{+YYYY.MM.dd}",
                                "document_id",
                                "%{taskid}",
                                "template",
                                TEMPLATE,
                                "template_name",
                                "postfix-it",
                                "flush_size",
                                64L,
                                "dead_letter_path",
                                tmp.resolve("dlq.jsonl").toString()),
                        Path.of("."));

        run(events, out);

        // Elasticsearch 7: the legacy template API, as Logstash's template_api => auto picks
        assertThat(es.exists("/_template/postfix-it")).isTrue();
        assertThat(es.exists("/_index_template/postfix-it")).isFalse();
        String index = "postfix-it-2026.01.31";
        assertThat(es.count(index)).isEqualTo(300);
        assertThat(es.fieldType(index, "size")).isEqualTo("integer");
        assertThat(es.fieldType(index, "nrcpt")).isEqualTo("integer");
        assertThat(es.fieldType(index, "client_ip")).isEqualTo("ip");
        assertThat(es.fieldType(index, "@timestamp")).isEqualTo("date");
        assertThat(es.fieldType(index, "to_mail")).isEqualTo("keyword");
        assertThat(es.fieldType(index, "taskid")).isEqualTo("keyword");
        JsonNode settings = es.call("GET", "/" + index + "/_settings");
        assertThat(
                        settings.path(index)
                                .path("settings")
                                .path("index")
                                .path("number_of_replicas")
                                .asText())
                .isEqualTo("0");
        // each document under its task id, exactly the event's JSON
        for (int i : new int[] {0, 1, 150, 299}) {
            Event e = events.get(i);
            assertThat(Json.mapper().writeValueAsString(es.source(index, PostfixEvents.taskId(i))))
                    .isEqualTo(e.toJson());
        }

        // the same job again: same ids, so not one document more
        run(events, out);
        assertThat(es.count(index)).isEqualTo(300);
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
    }

    @Test
    void createOnExistingIdsCountsThemAsPresent_notAsRejected() throws Exception {
        List<Event> events = PostfixEvents.events(50);
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts", ElasticsearchServerExtension.url(),
                                "index", "postfix-it-create",
                                "document_id", "%{taskid}",
                                "action", "create",
                                "dead_letter_path", tmp.resolve("dlq.jsonl").toString()),
                        Path.of("."));
        run(events, out);
        JobExecutionResult second = run(events, out);

        assertThat(es.count("postfix-it-create")).isEqualTo(50);
        assertThat(counter(second, "numRecordsAlreadyPresent")).isEqualTo(50);
        assertThat(counter(second, "numRecordsDeadLettered")).isZero();
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
    }

    @Test
    void aRejectedDocumentGoesToTheDeadLetterFile_andTheJobCarriesOn() throws Exception {
        List<Event> events = new ArrayList<>(PostfixEvents.events(20));
        events.get(7).set("size", "twelve kilobytes"); // not an integer: mapping conflict
        String dlq = tmp.resolve("dead-letter/es-%{+YYYY-MM-dd}.jsonl").toString();
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts",
                                ElasticsearchServerExtension.url(),
                                "index",
                                "postfix-it-rejects",
                                "document_id",
                                "%{taskid}",
                                "template",
                                TEMPLATE,
                                "template_name",
                                "postfix-it",
                                "dead_letter_path",
                                dlq),
                        Path.of("."));

        JobExecutionResult result = run(events, out);

        assertThat(es.count("postfix-it-rejects")).isEqualTo(19);
        assertThat(counter(result, "numRecordsDeadLettered")).isEqualTo(1);
        assertThat(counter(result, "numRecordsSend")).isEqualTo(19);
        List<Path> files;
        try (var list = Files.list(tmp.resolve("dead-letter"))) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString())
                .matches("es-\\d{4}-\\d{2}-\\d{2}\\.jsonl");
        List<String> lines = Files.readAllLines(files.get(0));
        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("status").asInt()).isEqualTo(400);
        assertThat(line.path("action").asText()).isEqualTo("index");
        assertThat(line.path("index").asText()).isEqualTo("postfix-it-rejects");
        assertThat(line.path("document_id").asText()).isEqualTo(PostfixEvents.taskId(7));
        assertThat(line.path("error").path("type").asText()).isEqualTo("mapper_parsing_exception");
        assertThat(Json.mapper().writeValueAsString(line.path("event")))
                .isEqualTo(events.get(7).toJson());
    }

    @Test
    void updateWithDocAsUpsertMergesIntoOneDocument() throws Exception {
        Event first = PostfixEvents.event(1);
        Event second =
                Event.fromMap(
                        Map.of(
                                "taskid",
                                first.get("taskid"),
                                "status",
                                List.of("deferred", "sent")),
                        PostfixEvents.START);
        second.remove("@version");
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts",
                                ElasticsearchServerExtension.url(),
                                "index",
                                "postfix-it-update",
                                "document_id",
                                "%{taskid}",
                                "action",
                                "update",
                                "doc_as_upsert",
                                true,
                                "dead_letter_path",
                                tmp.resolve("dlq.jsonl").toString()),
                        Path.of("."));

        run(List.of(first, second), out);

        assertThat(es.count("postfix-it-update")).isEqualTo(1);
        JsonNode doc = es.source("postfix-it-update", PostfixEvents.taskId(1));
        assertThat(doc.path("from_mail").asText()).isEqualTo(first.get("from_mail"));
        assertThat(doc.path("status").toString()).isEqualTo("[\"deferred\",\"sent\"]");
    }

    @Test
    void anExistingTemplateIsKeptUnlessOverwriteIsSet() throws Exception {
        es.call(
                "PUT",
                "/_template/postfix-it",
                // order 10: wins over any other postfix-* template an earlier test left (the
                // jobs' own "postfix" template has order 1 and maps size as integer)
                "{\"index_patterns\":[\"postfix-it-*\"],\"order\":10,"
                        + "\"settings\":{\"number_of_replicas\":0},"
                        + "\"mappings\":{\"properties\":{\"size\":{\"type\":\"long\"}}}}");
        Object[] settings = {
            "hosts",
            ElasticsearchServerExtension.url(),
            "index",
            "postfix-it-keep",
            "template",
            TEMPLATE,
            "template_name",
            "postfix-it",
            "dead_letter_path",
            tmp.resolve("dlq.jsonl").toString()
        };
        run(
                PostfixEvents.events(1),
                ElasticsearchOutputs.create(elasticsearch(settings), Path.of(".")));
        assertThat(es.fieldType("postfix-it-keep", "size")).isEqualTo("long");

        es.deleteIndex("postfix-it-keep");
        Object[] overwrite = new Object[settings.length + 2];
        System.arraycopy(settings, 0, overwrite, 0, settings.length);
        overwrite[settings.length] = "template_overwrite";
        overwrite[settings.length + 1] = true;
        run(
                PostfixEvents.events(1),
                ElasticsearchOutputs.create(elasticsearch(overwrite), Path.of(".")));
        assertThat(es.fieldType("postfix-it-keep", "size")).isEqualTo("integer");
    }

    private static JobExecutionResult run(List<Event> events, OutputSpec out) throws Exception {
        StreamExecutionEnvironment env = new TestStreamEnvironment(flink, 1);
        out.attach(env.fromData(events, EventTypeInfo.INSTANCE));
        return env.execute("elasticsearch-it");
    }

    private static long counter(JobExecutionResult result, String name) {
        long sum = 0;
        for (Metric m : REPORTER.findMetrics(result.getJobID(), name).values()) {
            sum += ((Counter) m).getCount();
        }
        return sum;
    }
}
