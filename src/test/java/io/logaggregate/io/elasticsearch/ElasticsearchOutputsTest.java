package io.logaggregate.io.elasticsearch;

import static io.logaggregate.io.elasticsearch.TestPlugins.elasticsearch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElasticsearchOutputsTest {
    @TempDir Path tmp;

    private static ElasticsearchOutputConfig config(Object... settings) {
        return ElasticsearchOutputs.config(elasticsearch(settings), Path.of("."));
    }

    @Test
    void defaultsAreLogstashs() {
        ElasticsearchOutputConfig c = config();
        assertThat(c.hosts()).containsExactly("http://127.0.0.1:9200");
        assertThat(c.index()).isEqualTo("logstash-%{+YYYY.MM.dd}");
        assertThat(c.action()).isEqualTo("index");
        assertThat(c.documentId()).isNull();
        assertThat(c.flushActions()).isEqualTo(500);
        assertThat(c.flushBytes()).isEqualTo(20L * 1024 * 1024);
        assertThat(c.idleFlushMillis()).isEqualTo(1000);
        assertThat(c.retryInitialMillis()).isEqualTo(2000);
        assertThat(c.retryMaxMillis()).isEqualTo(64000);
        assertThat(c.template()).isNull();
        assertThat(c.deadLetterPath())
                .isEqualTo(
                        Path.of("")
                                .toAbsolutePath()
                                .resolve("dead-letter/elasticsearch-%{+YYYY-MM-dd}.jsonl")
                                .toString());
    }

    @Test
    void hostsInLogstashsForms() {
        ElasticsearchOutputConfig c =
                config(
                        "hosts",
                        List.of(
                                "es1",
                                "es2:9201",
                                "http://es3:9202/",
                                "//es4",
                                "http://es5/prefix"));
        assertThat(c.hosts())
                .containsExactly(
                        "http://es1:9200",
                        "http://es2:9201",
                        "http://es3:9202",
                        "http://es4:9200",
                        "http://es5:9200");
        assertThat(c.pathPrefix()).isEqualTo("/prefix");
    }

    @Test
    void sslTurnsHostsToHttps_andHttpsHostsTurnSslOn() {
        assertThat(config("hosts", "es1", "ssl_enabled", true).hosts())
                .containsExactly("https://es1:9200");
        assertThat(config("hosts", "es1", "ssl", "true").hosts())
                .containsExactly("https://es1:9200");
        assertThat(config("hosts", List.of("https://es1", "es2")).hosts())
                .containsExactly("https://es1:9200", "https://es2:9200");
        assertThatThrownBy(() -> config("hosts", "https://es1", "ssl_enabled", false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SSL option was explicitly set to false");
    }

    @Test
    void anUnknownSettingIsRefusedWithItsLocation() {
        assertThatThrownBy(() -> config("index", "x", "sniffing", true))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown setting 'sniffing' for elasticsearch")
                .satisfies(e -> assertThat(((ConfigException) e).location().line()).isEqualTo(3));
    }

    @Test
    void actionsAreChecked() {
        assertThatThrownBy(() -> config("action", "upsert"))
                .hasMessageContaining("Action 'upsert' is invalid!");
        assertThatThrownBy(() -> config("action", "update"))
                .hasMessage("Specifying action => 'update' needs a document_id.");
        assertThat(config("action", "%{[@metadata][action]}").action())
                .isEqualTo("%{[@metadata][action]}");
        assertThat(
                        config("action", "update", "document_id", "%{id}", "doc_as_upsert", true)
                                .docAsUpsert())
                .isTrue();
    }

    @Test
    void authenticationIsCheckedAsLogstashDoes() {
        assertThatThrownBy(() -> config("api_key", "id:key"))
                .hasMessageContaining("api_key authentication requires SSL/TLS");
        assertThatThrownBy(
                        () ->
                                config(
                                        "ssl_enabled",
                                        true,
                                        "api_key",
                                        "id:key",
                                        "user",
                                        "u",
                                        "password",
                                        "p"))
                .hasMessageContaining("Multiple authentication options");
        assertThatThrownBy(() -> config("user", "elastic")).hasMessageContaining("'password'");
        ElasticsearchOutputConfig c = config("user", "elastic", "password", "s3cret");
        assertThat(c.toString()).doesNotContain("s3cret");
    }

    @Test
    void caCertificatesAreReadOnTheClient() throws Exception {
        assertThatThrownBy(
                        () ->
                                config(
                                        "ssl_enabled",
                                        true,
                                        "cacert",
                                        tmp.resolve("none.pem").toString()))
                .hasMessageContaining("Cannot read cacert file");
        Path notPem = Files.writeString(tmp.resolve("ca.pem"), "hello");
        assertThatThrownBy(
                        () ->
                                config(
                                        "ssl_enabled",
                                        true,
                                        "ssl_certificate_authorities",
                                        notPem.toString()))
                .hasMessageContaining("No PEM certificate found");
        Path bad =
                Files.writeString(
                        tmp.resolve("bad.pem"),
                        "-----BEGIN CERTIFICATE-----\n"
                                + "bm90IGEgY2VydA==\n"
                                + "-----END CERTIFICATE-----\n");
        assertThatThrownBy(() -> config("ssl_enabled", true, "cacert", bad.toString()))
                .hasMessageContaining("Cannot read the CA certificates");
    }

    @Test
    void theTemplateIsReadAndCheckedOnTheClient() throws Exception {
        ElasticsearchOutputConfig c =
                config(
                        "template",
                        "conf/elasticsearch/postfix-template.json",
                        "template_name",
                        "postfix");
        assertThat(c.template().name()).isEqualTo("postfix");
        assertThat(c.template().api()).isEqualTo("auto");
        assertThat(c.template().json()).contains("\"number_of_replicas\": 0");
        assertThat(c.template().overwrite()).isFalse();

        // relative to the pipeline's folder when not in the working directory
        Files.writeString(tmp.resolve("t.json"), "{\"template\":{},\"index_patterns\":[\"a-*\"]}");
        ElasticsearchOutputConfig beside =
                ElasticsearchOutputs.config(elasticsearch("template", "t.json"), tmp);
        assertThat(beside.template().name()).isEqualTo("logstash");

        Files.writeString(tmp.resolve("broken.json"), "{\"index_patterns\": [");
        assertThatThrownBy(
                        () ->
                                ElasticsearchOutputs.config(
                                        elasticsearch("template", "broken.json"), tmp))
                .hasMessageContaining("is not valid JSON");
        assertThat(
                        config(
                                        "template",
                                        "conf/elasticsearch/postfix-template.json",
                                        "manage_template",
                                        false)
                                .template())
                .isNull();
    }

    @Test
    void flushSettings() {
        ElasticsearchOutputConfig c =
                config("flush_size", 100L, "idle_flush_time", 0.5, "flush_bytes", "5mb");
        assertThat(c.flushActions()).isEqualTo(100);
        assertThat(c.idleFlushMillis()).isEqualTo(500);
        assertThat(c.flushBytes()).isEqualTo(5L * 1024 * 1024);
        assertThatThrownBy(() -> config("flush_bytes", "lots")).hasMessageContaining("flush_bytes");
        assertThatThrownBy(() -> config("flush_size", 0L)).hasMessageContaining("flush_size");
        assertThatThrownBy(() -> config("retry_initial_interval", 10L, "retry_max_interval", 5L))
                .hasMessageContaining("retry_max_interval");
    }

    @Test
    void ilmOnlyWhenOff_dataStreamsWhenAskedFor() {
        assertThat(
                        config(
                                        "ilm_enabled",
                                        false,
                                        "data_stream",
                                        "false",
                                        "ecs_compatibility",
                                        "disabled")
                                .dataStream())
                .isNull();
        assertThatThrownBy(() -> config("ilm_enabled", true)).hasMessageContaining("not supported");
    }

    // Logstash's data_stream_support_spec, as far as it does not depend on its version

    @Test
    void dataStreamAuto_isOffWithEcsDisabled_theDefault() {
        assertThat(config().dataStream()).isNull();
        assertThat(config("data_stream", "auto").dataStream()).isNull();
        assertThat(config("ecs_compatibility", "disabled").dataStream()).isNull();
    }

    @Test
    void dataStreamAuto_withEcs_isOnForADataStreamCompatibleConfiguration() {
        ElasticsearchOutputConfig c =
                config(
                        "hosts",
                        "http://127.0.0.1:12345",
                        "timeout",
                        30L,
                        "user",
                        "elastic",
                        "password",
                        "ForSearch!",
                        "ssl_enabled",
                        false,
                        "ecs_compatibility",
                        "v8");
        assertThat(c.dataStream()).isNotNull();
        assertThat(c.index()).isEqualTo("logs-generic-default");
        assertThat(c.action()).isEqualTo("create");
        // data streams turn template management off unless it was set
        assertThat(c.template()).isNull();
    }

    @Test
    void dataStreamAuto_withEcs_isOffWhenTheIndexIsSet_andEcsChangesTheDefaults() {
        ElasticsearchOutputConfig c =
                config("ecs_compatibility", "v1", "index", "postfix-%{+YYYY.MM.dd}");
        assertThat(c.dataStream()).isNull();
        assertThat(c.index()).isEqualTo("postfix-%{+YYYY.MM.dd}");
        ElasticsearchOutputConfig t =
                config(
                        "ecs_compatibility",
                        "v8",
                        "action",
                        "index",
                        "template",
                        "conf/elasticsearch/postfix-template.json");
        assertThat(t.dataStream()).isNull();
        assertThat(t.index()).isEqualTo("ecs-logstash-%{+YYYY.MM.dd}");
        assertThat(t.template().name()).isEqualTo("ecs-logstash");
    }

    @Test
    void dataStreamTrue_acceptsTheSettingsADataStreamAllows() {
        ElasticsearchOutputConfig c =
                config(
                        "data_stream",
                        "true",
                        "action",
                        "create",
                        "routing",
                        "any",
                        "pipeline",
                        "any",
                        "manage_template",
                        false,
                        "data_stream_type",
                        "logs",
                        "data_stream_dataset",
                        "any",
                        "data_stream_namespace",
                        "any",
                        "data_stream_sync_fields",
                        true,
                        "data_stream_auto_routing",
                        true);
        assertThat(c.dataStream())
                .isEqualTo(
                        new ElasticsearchOutputConfig.DataStream("logs", "any", "any", true, true));
        assertThat(c.index()).isEqualTo("logs-any-any");
        assertThat(c.template()).isNull();
    }

    @Test
    void dataStreamTrue_refusesSettingsThatDecideTheTarget() {
        assertThatThrownBy(
                        () ->
                                config(
                                        "data_stream",
                                        "true",
                                        "action",
                                        "index",
                                        "manage_template",
                                        true))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(
                        "Invalid data stream configuration: [\"action\", \"manage_template\"]");
        assertThatThrownBy(() -> config("data_stream", true, "index", "postfix"))
                .hasMessageContaining("[\"index\"]");
    }

    @Test
    void dataStreamTrue_withEcsExplicitlyDisabledErrorsHelpfully() {
        assertThatThrownBy(() -> config("data_stream", "true", "ecs_compatibility", "disabled"))
                .hasMessageContaining(
                        "Invalid data stream configuration: `ecs_compatibility => disabled`");
        // our default (disabled) is not held against it: Logstash 8's default is v8
        assertThat(config("data_stream", true).dataStream()).isNotNull();
    }

    @Test
    void dataStreamSettingsWithoutDataStreamsAreAmbiguous() {
        assertThatThrownBy(
                        () ->
                                config(
                                        "data_stream_dataset",
                                        "test",
                                        "data_stream_auto_routing",
                                        false,
                                        "user",
                                        "elastic",
                                        "password",
                                        "x"))
                .hasMessageContaining(
                        "Ambiguous configuration; data stream settings must not be present when"
                                + " data streams are disabled")
                .hasMessageContaining("[\"data_stream_dataset\", \"data_stream_auto_routing\"]");
        assertThatThrownBy(() -> config("data_stream", "false", "data_stream_dataset", "test"))
                .hasMessageContaining("Ambiguous configuration");
    }

    @Test
    void dataStreamNamesAreValidated() {
        assertThatThrownBy(
                        () -> config("data_stream", "true", "data_stream_dataset", "x".repeat(120)))
                .hasMessageContaining("too long");
        assertThatThrownBy(() -> config("data_stream", "true", "data_stream_dataset", ""))
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> config("data_stream", "true", "data_stream_dataset", "foo/bar"))
                .hasMessageContaining("Invalid characters");
        assertThatThrownBy(() -> config("data_stream", "true", "data_stream_namespace", "foo*"))
                .hasMessageContaining("Invalid characters");
        assertThatThrownBy(() -> config("data_stream", "true", "data_stream_namespace", " "))
                .hasMessageContaining("Invalid characters");
        assertThatThrownBy(() -> config("data_stream", "true", "data_stream_type", "custom"))
                .hasMessageContaining("data_stream_type");
    }
}
