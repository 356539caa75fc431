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
import java.util.List;
import org.apache.flink.api.common.JobExecutionResult;
import org.elasticsearch.client.ResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The elasticsearch output against a real OpenSearch 2.19 with its security plugin: HTTPS with a
 * certificate from a CA made for the test run, basic authentication.
 */
@ExtendWith(SecuredServerExtension.OpenSearch.class)
class OpenSearchOutputITCase {
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
    private EsTestClient os;

    @BeforeEach
    void cleanUp() throws Exception {
        server = SecuredServerExtension.OpenSearch.server();
        os = new EsTestClient(server);
        os.deleteIndex("postfix-it-*");
        os.deleteTemplate("postfix-it");
    }

    @AfterEach
    void closeClient() throws Exception {
        os.close();
    }

    @Test
    void postfixEventsOverTlsWithUserAndPassword_withTheComposableTemplate() throws Exception {
        Path ca = tmp.resolve("ca.pem");
        Files.writeString(ca, server.caPem());
        List<Event> events = PostfixEvents.events(200);
        OutputSpec out =
                ElasticsearchOutputs.create(
                        elasticsearch(
                                "hosts",
                                List.of(server.url()),
                                "ssl_certificate_authorities",
                                ca.toString(),
                                "user",
                                server.user(),
                                "password",
                                server.password(),
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

        JobExecutionResult result = flink.run(events, out);

        assertThat(os.exists("/_index_template/postfix-it")).isTrue();
        assertThat(os.exists("/_template/postfix-it")).isFalse();
        String index = "postfix-it-2026.01.31";
        assertThat(os.count(index)).isEqualTo(200);
        assertThat(flink.counter(result, "numRecordsSend")).isEqualTo(200);
        assertThat(os.fieldType(index, "size")).isEqualTo("integer");
        assertThat(os.fieldType(index, "client_ip")).isEqualTo("ip");
        assertThat(os.fieldType(index, "taskid")).isEqualTo("keyword");
        for (int i : new int[] {0, 1, 99, 199}) {
            assertThat(Json.mapper().writeValueAsString(os.source(index, PostfixEvents.taskId(i))))
                    .isEqualTo(events.get(i).toJson());
        }
        assertThat(Files.exists(tmp.resolve("dlq.jsonl"))).isFalse();
    }

    @Test
    void withoutCredentialsTheServerRefuses() throws Exception {
        // the security plugin is really on: what the output does with credentials is needed
        try (EsTestClient anonymous =
                new EsTestClient(
                        new SecuredServerExtension.Server(
                                server.url(), "nobody", "wrong", server.caPemFile()))) {
            assertThatThrownBy(() -> anonymous.call("GET", "/_cluster/health"))
                    .isInstanceOf(ResponseException.class)
                    .hasMessageContaining("401");
        }
        JsonNode root = os.call("GET", "/");
        assertThat(root.path("version").path("distribution").asText()).isEqualTo("opensearch");
    }
}
