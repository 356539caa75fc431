package io.logaggregate.io.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.logaggregate.event.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Which template API each server gets, as Logstash's template_manager_spec decides it. */
class TemplateApiTest {
    private static final ServerInfo ES7 = server("{\"version\":{\"number\":\"7.17.29\"}}");
    private static final ServerInfo ES8 = server("{\"version\":{\"number\":\"8.17.0\"}}");
    private static final ServerInfo OPENSEARCH =
            server("{\"version\":{\"distribution\":\"opensearch\",\"number\":\"2.19.1\"}}");
    private static final String LEGACY =
            "{\"index_patterns\":[\"postfix-*\"],\"order\":3,\"version\":7,"
                    + "\"settings\":{\"number_of_replicas\":0},"
                    + "\"mappings\":{\"properties\":{\"size\":{\"type\":\"integer\"}}},"
                    + "\"aliases\":{\"mail\":{}}}";
    private static final String COMPOSABLE =
            "{\"index_patterns\":[\"postfix-*\"],\"priority\":3,"
                    + "\"template\":{\"settings\":{\"number_of_replicas\":0}}}";

    private static ServerInfo server(String json) {
        try {
            return ServerInfo.parse(Json.mapper().readTree(json));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static TemplateApi resolve(String json, String api, ServerInfo server) {
        return TemplateApi.resolve(
                new ElasticsearchOutputConfig.IndexTemplate("t", json, api, false), server);
    }

    @Test
    void serversAreRecognised() {
        assertThat(ES7.opensearch()).isFalse();
        assertThat(ES7.major()).isEqualTo(7);
        assertThat(ES7.minor()).isEqualTo(17);
        assertThat(OPENSEARCH.opensearch()).isTrue();
        assertThat(OPENSEARCH.hasDataStreams()).isTrue();
        assertThat(server("{\"version\":{\"number\":\"7.8.1\"}}").hasDataStreams()).isFalse();
        assertThat(server("{\"version\":{\"number\":\"7.8.1\"}}").hasComposableTemplates())
                .isTrue();
    }

    @Test
    void auto_isLegacyOnElasticsearch7_andComposableOn8AndOpenSearch() {
        assertThat(resolve(LEGACY, "auto", ES7).endpoint()).isEqualTo("/_template/t");
        assertThat(resolve(LEGACY, "auto", ES8).endpoint()).isEqualTo("/_index_template/t");
        assertThat(resolve(LEGACY, "auto", OPENSEARCH).endpoint()).isEqualTo("/_index_template/t");
        // the body goes as written where it fits the API
        assertThat(resolve(LEGACY, "auto", ES7).body()).isEqualTo(LEGACY);
        assertThat(resolve(COMPOSABLE, "auto", ES8).body()).isEqualTo(COMPOSABLE);
    }

    @Test
    void explicitApisAreKept_whateverTheServer() {
        assertThat(resolve(LEGACY, "legacy", ES8).endpoint()).isEqualTo("/_template/t");
        assertThat(resolve(LEGACY, "legacy", ES8).body()).isEqualTo(LEGACY);
        assertThat(resolve(COMPOSABLE, "composable", ES7).endpoint())
                .isEqualTo("/_index_template/t");
    }

    @Test
    void auto_sendsAComposableFileToTheComposableApiOn7() {
        assertThat(resolve(COMPOSABLE, "auto", ES7).endpoint()).isEqualTo("/_index_template/t");
    }

    @Test
    void auto_fitsALegacyFileToTheComposableApi() throws Exception {
        JsonNode body = Json.mapper().readTree(resolve(LEGACY, "auto", ES8).body());
        assertThat(body.toString())
                .isEqualTo(
                        "{\"index_patterns\":[\"postfix-*\"],\"priority\":3,\"version\":7,"
                                + "\"template\":{\"settings\":{\"number_of_replicas\":0},"
                                + "\"mappings\":{\"properties\":{\"size\":{\"type\":\"integer\"}}},"
                                + "\"aliases\":{\"mail\":{}}}}");
    }

    @Test
    void theShippedPostfixTemplateFitsBothApis() throws Exception {
        String json = Files.readString(Path.of("conf/elasticsearch/postfix-template.json"));
        JsonNode body = Json.mapper().readTree(resolve(json, "auto", ES8).body());
        assertThat(body.path("index_patterns").toString()).isEqualTo("[\"postfix-*\"]");
        assertThat(body.path("template").path("mappings").path("properties").has("client_ip"))
                .isTrue();
        assertThat(body.has("mappings")).isFalse();
    }
}
