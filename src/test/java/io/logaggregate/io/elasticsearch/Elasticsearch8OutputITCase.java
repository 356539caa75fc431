package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import io.logaggregate.io.OutputSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.JobExecutionResult;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elasticsearch output against a real Elasticsearch 8.17 with security on: HTTPS with a
 * certificate from a CA made for the test run, basic authentication or an API key (made by the test
 * with the superuser).
 */
@ExtendWith(SecuredServerExtension.Es8.class)
class Elasticsearch8OutputITCase {
    private static final String TEMPLATE = "conf/elasticsearch/postfix-template.json";

    private static FlinkJobs flink;

    @BeforeAll
    static void startFlink() throws Exception {
        flink = new FlinkJobs();
    }

    @AfterAll
    static void stopFlink() throws Exception {
        flink.close();
    }

    @TempDir Path tmp;
    private SecuredServerExtension.Server server;
    private EsTestClient es;

    @BeforeEach
    void cleanUp() throws Exception {
        server = SecuredServerExtension.Es8.server();
        es = new EsTestClient(server);
        es.deleteIndex("postfix-it-*");
        es.deleteTemplate("postfix-it");
    }

    @AfterEach
    void closeClient() throws Exception {
        es.close();
    }

    /** hosts, TLS with the test CA, user and password, then the given settings. */
    private Object[] secured(Object... more) throws Exception {
        List<Object> s =
                new ArrayList<>(List.of("user", server.user(), "password", server.password()));
        s.addAll(List.of(more));
        return overTls(s.toArray());
    }

    /** hosts, TLS with the test CA and a dead-letter file, then the given settings. */
    private Object[] overTls(Object... more) throws Exception {
        Path ca = tmp.resolve("ca.pem");
        Files.writeString(ca, server.caPem());
        List<Object> s =
                new ArrayList<>(
                        List.of(
                                "hosts",
                                List.of(server.url()),
                                "ssl_enabled",
                                true,
                                "ssl_certificate_authorities",
                                List.of(ca.toString()),
                                "ssl_verification_mode",
                                "full",
                                "dead_letter_path",
                                tmp.resolve("dlq.jsonl").toString()));
        s.addAll(List.of(more));
        return s.toArray();
    }

    /**
     * A new API key of the superuser, limited to what the output needs for postfix-it-* (the
     * cluster privileges for GET /_nodes/_local and the index template, index privileges to create
     * the index and write): Logstash's {@code api_key} value, "id:api_key".
     */
    private String createApiKey(String name) throws Exception {
        JsonNode key =
                es.call(
                        "POST",
                        "/_security/api_key",
                        "{\"name\":\""
                                + name
                                + "\",\"expiration\":\"1h\",\"role_descriptors\":{\"postfix_writer\":{"
                                + "\"cluster\":[\"monitor\",\"manage_index_templates\"],"
                                + "\"indices\":[{\"names\":[\"postfix-it-*\"],"
                                + "\"privileges\":[\"create_index\",\"index\",\"view_index_metadata\"]}]}}}");
        return key.path("id").asText() + ":" + key.path("api_key").asText();
    }

    @Test
    void postfixEventsOverTlsWithUserAndPassword_withTheComposableTemplate() throws Exception {
        List<Event> events = PostfixEvents.events(200);
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                secured(
                                        "index",
                                        "postfix-it-%{+YYYY.MM.dd}",
                                        "document_id",
                                        "%{taskid}",
                                        "template",
                                        TEMPLATE,
                                        "template_name",
                                        "postfix-it",
                                        "flush_size",
                                        64L)),
                        Path.of("."));

        JobExecutionResult result = flink.run(events, out);

        // Elasticsearch 8: the composable API (the legacy file fitted to it), no legacy template
        assertThat(es.exists("/_index_template/postfix-it")).isTrue();
        assertThat(es.exists("/_template/postfix-it")).isFalse();
        JsonNode t = es.call("GET", "/_index_template/postfix-it").path("index_templates").get(0);
        assertThat(t.path("index_template").path("priority").asInt()).isEqualTo(1);
        assertThat(t.path("index_template").path("index_patterns").toString())
                .isEqualTo("[\"postfix-*\"]");

        String index = "postfix-it-2026.01.31";
        assertThat(es.count(index)).isEqualTo(200);
        assertThat(flink.counter(result, "numRecordsSend")).isEqualTo(200);
        assertThat(es.fieldType(index, "size")).isEqualTo("integer");
        assertThat(es.fieldType(index, "client_ip")).isEqualTo("ip");
        assertThat(es.fieldType(index, "taskid")).isEqualTo("keyword");
        for (int i : new int[] {0, 1, 99, 199}) {
            assertThat(Json.mapper().writeValueAsString(es.source(index, PostfixEvents.taskId(i))))
                    .isEqualTo(events.get(i).toJson());
        }
        // no _type anywhere: the documents are typeless _doc
        JsonNode hit = es.call("GET", "/" + index + "/_search?size=1").path("hits").path("hits");
        assertThat(hit.get(0).has("_type")).isFalse();
    }

    /**
     * API keys live in the .security index, whose analysis settings need components of the
     * analysis-common module, which the integ-test distribution lacks: scripts/elasticsearch.sh
     * installs the security-analysis test plugin (src/test/elasticsearch-plugins) in its place.
     */
    @Test
    void postfixEventsWithAnApiKey() throws Exception {
        String apiKey = createApiKey("log-aggregate-it");
        List<Event> events = PostfixEvents.events(100);
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                overTls(
                                        "api_key",
                                        apiKey,
                                        "index",
                                        "postfix-it-apikey",
                                        "document_id",
                                        "%{taskid}",
                                        "template",
                                        TEMPLATE,
                                        "template_name",
                                        "postfix-it",
                                        "flush_size",
                                        32L)),
                        Path.of("."));

        JobExecutionResult result = flink.run(events, out);

        assertThat(es.count("postfix-it-apikey")).isEqualTo(100);
        assertThat(flink.counter(result, "numRecordsSend")).isEqualTo(100);
        assertThat(flink.counter(result, "numRecordsDeadLettered")).isZero();
        assertThat(es.exists("/_index_template/postfix-it")).isTrue();
        assertThat(es.fieldType("postfix-it-apikey", "size")).isEqualTo("integer");
        for (int i : new int[] {0, 42, 99}) {
            assertThat(
                            Json.mapper()
                                    .writeValueAsString(
                                            es.source(
                                                    "postfix-it-apikey", PostfixEvents.taskId(i))))
                    .isEqualTo(events.get(i).toJson());
        }
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
    }

    /**
     * A key that no longer works (here invalidated; an unknown or expired one alike) is refused by
     * the server with 401 for the whole request. As in Logstash, the output retries such a request
     * (an operator can fix credentials) rather than dead-letter the documents.
     */
    @Test
    void anInvalidatedApiKeyIsRefusedAndTheBulkRetriedNotDeadLettered() throws Exception {
        String apiKey = createApiKey("log-aggregate-it-revoked");
        String id = apiKey.substring(0, apiKey.indexOf(':'));
        JsonNode invalidated =
                es.call("DELETE", "/_security/api_key", "{\"ids\":[\"" + id + "\"]}");
        assertThat(invalidated.path("invalidated_api_keys").toString()).contains(id);
        ElasticsearchOutputConfig config =
                ElasticsearchOutputs.config(
                        elasticsearch(overTls("api_key", apiKey, "index", "postfix-it-revoked")),
                        Path.of("."));
        try (RestClient client = ElasticsearchRestClients.create(config)) {
            // the server's API-key authenticator answers, for the key our header names
            assertThatThrownBy(
                            () ->
                                    client.performRequest(
                                            new Request("GET", "/_security/_authenticate")))
                    .isInstanceOf(ResponseException.class)
                    .satisfies(
                            e ->
                                    assertThat(
                                                    ((ResponseException) e)
                                                            .getResponse()
                                                            .getStatusLine()
                                                            .getStatusCode())
                                            .isEqualTo(401))
                    .hasMessageContaining("api key [" + id + "] has been invalidated");

            BulkSender.Metrics metrics = new BulkSender.Metrics();
            List<Long> waits = new ArrayList<>();
            BulkSender sender =
                    new BulkSender(
                            client,
                            new DeadLetterFile(config.deadLetterPath(), config.pluginId()),
                            new Backoff(config.retryInitialMillis(), config.retryMaxMillis()),
                            metrics,
                            millis -> {
                                waits.add(millis);
                                throw new InterruptedException("the test stops at the first retry");
                            });
            BulkAction action = new BulkActionFactory(config).of(PostfixEvents.events(1).get(0));
            assertThatThrownBy(() -> sender.send(List.of(action)))
                    .isInstanceOf(InterruptedException.class);
            assertThat(waits).hasSize(1);
            assertThat(metrics.retries.getCount()).isEqualTo(1);
            assertThat(metrics.deadLettered.getCount()).isZero();
        }
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
        assertThat(es.count("postfix-it-revoked")).isZero();
    }

    @Test
    void eventsGoToTheDataStreamWithItsFieldsFilledIn() throws Exception {
        // what Elasticsearch's stack templates would provide (the integ-test distribution has
        // none): logs-*-* as data streams. Its data-streams module is not in that distribution
        // either, so there is no DELETE _data_stream: each run writes to namespaces of its own.
        es.call(
                "PUT",
                "/_index_template/logs-it",
                "{\"index_patterns\":[\"logs-*-*\"],\"data_stream\":{},\"priority\":500,"
                        + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}");
        String ns = "it" + System.currentTimeMillis();
        List<Event> events = new ArrayList<>(PostfixEvents.events(30));
        // auto routing: these two name their own data stream
        events.get(3).set("[data_stream][dataset]", "postfix");
        events.get(4).set("data_stream", Map.of("type", "logs", "namespace", ns + "b"));
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                secured(
                                        "data_stream",
                                        "true",
                                        "ecs_compatibility",
                                        "v8",
                                        "data_stream_namespace",
                                        ns)),
                        Path.of("."));

        JobExecutionResult result = flink.run(events, out);

        assertThat(flink.counter(result, "numRecordsSend")).isEqualTo(30);
        assertThat(es.count("logs-generic-" + ns)).isEqualTo(28);
        assertThat(es.count("logs-postfix-" + ns)).isEqualTo(1);
        assertThat(es.count("logs-generic-" + ns + "b")).isEqualTo(1);
        JsonNode resolved = es.call("GET", "/_resolve/index/logs-*-" + ns + "*");
        assertThat(resolved.path("data_streams").findValuesAsText("name"))
                .containsExactlyInAnyOrder(
                        "logs-generic-" + ns, "logs-postfix-" + ns, "logs-generic-" + ns + "b");
        assertThat(resolved.path("indices").size()).isZero();
        JsonNode hits =
                es.call("GET", "/logs-postfix-" + ns + "/_search").path("hits").path("hits");
        // a backing index of the data stream, and the document's fields match its name
        assertThat(hits.get(0).path("_index").asText()).startsWith(".ds-logs-postfix-" + ns + "-");
        assertThat(hits.get(0).path("_source").path("data_stream").toString())
                .isEqualTo(
                        "{\"dataset\":\"postfix\",\"type\":\"logs\",\"namespace\":\"" + ns + "\"}");
        assertThat(hits.get(0).path("_source").path("taskid").asText())
                .isEqualTo(PostfixEvents.taskId(3));
    }

    @Test
    void aRejectedDocumentGoesToTheDeadLetterFile() throws Exception {
        List<Event> events = new ArrayList<>(PostfixEvents.events(20));
        events.get(5).set("size", "twelve kilobytes"); // not an integer: mapping conflict
        String dlq = tmp.resolve("dead-letter/es8-%{+YYYY-MM-dd}.jsonl").toString();
        List<Object> settings =
                new ArrayList<>(
                        List.of(
                                secured(
                                        "index",
                                        "postfix-it-rejects",
                                        "document_id",
                                        "%{taskid}",
                                        "template",
                                        TEMPLATE,
                                        "template_name",
                                        "postfix-it")));
        int at = settings.indexOf("dead_letter_path");
        settings.set(at + 1, dlq);
        OutputSpec out =
                ElasticsearchOutputs.create(elasticsearch(settings.toArray()), Path.of("."));

        JobExecutionResult result = flink.run(events, out);

        assertThat(es.count("postfix-it-rejects")).isEqualTo(19);
        assertThat(flink.counter(result, "numRecordsDeadLettered")).isEqualTo(1);
        List<Path> files;
        try (var list = Files.list(tmp.resolve("dead-letter"))) {
            files = list.toList();
        }
        assertThat(files).hasSize(1);
        List<String> lines = Files.readAllLines(files.get(0));
        assertThat(lines).hasSize(1);
        JsonNode line = Json.mapper().readTree(lines.get(0));
        assertThat(line.path("status").asInt()).isEqualTo(400);
        assertThat(line.path("document_id").asText()).isEqualTo(PostfixEvents.taskId(5));
        assertThat(line.path("error").path("type").asText())
                .isIn("mapper_parsing_exception", "document_parsing_exception");
        assertThat(Json.mapper().writeValueAsString(line.path("event")))
                .isEqualTo(events.get(5).toJson());
    }
}
