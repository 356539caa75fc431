package io.logaggregate.io;

import static io.logaggregate.io.Defs.def;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.config.SourceLocation;
import io.logaggregate.event.Event;
import io.logaggregate.io.file.FileInputs;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.junit.jupiter.api.Test;

class PluginFactoriesTest {
    private static final IoContext CTX = IoContext.ofCurrentDirectory();

    @Test
    void unknownPluginsAreRefusedWithLogstashWording() {
        assertThatThrownBy(() -> Inputs.create(def("input", "beats"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Couldn't find any input plugin named 'beats'. Are you sure this is"
                                + " correct?")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(Defs.LOC);
        assertThatThrownBy(() -> Outputs.create(def("output", "s3"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Couldn't find any output plugin named 's3'. Are you sure this is"
                                + " correct?");
    }

    @Test
    void builtInPluginsAreCreated() {
        assertThat(
                        Inputs.create(
                                        def("input", "file", "path", "/tmp/x.log", "mode", "read"),
                                        CTX)
                                .bounded())
                .isTrue();
        assertThat(Inputs.create(def("input", "file", "path", "/tmp/x.log"), CTX).bounded())
                .isFalse();
        assertThat(Inputs.create(def("input", "stdin"), CTX).bounded()).isTrue();
        assertThat(Outputs.create(def("output", "stdout", "codec", "json_lines"), CTX)).isNotNull();
        assertThat(Outputs.create(def("output", "null"), CTX)).isNotNull();
        assertThat(Outputs.create(def("output", "file", "path", "/tmp/o-%{+YYYY}.log"), CTX))
                .isNotNull();
    }

    @Test
    void registeredOutputsAreFound() {
        OutputSpec marker =
                new OutputSpec() {
                    @Override
                    public void attach(DataStream<Event> events) {}
                };
        Outputs.register("elasticsearch_test", (d, c) -> marker);
        assertThat(Outputs.create(def("output", "elasticsearch_test"), CTX)).isSameAs(marker);
    }

    @Test
    void tailModeRefusesObjectStoragePaths() {
        assertThatThrownBy(
                        () -> Inputs.create(def("input", "file", "path", "s3://logs/*.log"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Tail mode follows growing local files")
                .hasMessageContaining("mode => \"read\"");
        assertThat(
                        Inputs.create(
                                        def(
                                                "input",
                                                "file",
                                                "path",
                                                "s3://logs/*.log",
                                                "mode",
                                                "read"),
                                        CTX)
                                .bounded())
                .isTrue();
    }

    @Test
    void fileOutputOnOtherFileSystemsWritesPartFilesAndRefusesWhatCannotHold() {
        assertThat(Outputs.create(def("output", "file", "path", "s3://out/%{host}/x.log"), CTX))
                .isNotNull();
        assertThat(
                        Outputs.create(
                                def(
                                        "output",
                                        "file",
                                        "path",
                                        "hdfs://nn:8020/logs",
                                        "gzip",
                                        true,
                                        "max_part_size",
                                        "16mb",
                                        "rollover_interval",
                                        "15 minutes"),
                                CTX))
                .isNotNull();
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def("output", "file", "path", "s3://%{bucket}/x.log"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("The starting part of the path should not be dynamic");
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def(
                                                "output",
                                                "file",
                                                "path",
                                                "s3://out/x",
                                                "write_behavior",
                                                "overwrite"),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("write_behavior")
                .hasMessageContaining("only append holds");
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def(
                                                "output",
                                                "file",
                                                "path",
                                                "s3://out/x",
                                                "file_mode",
                                                644L),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file_mode");
        // part settings on a local path, which is written exactly
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def(
                                                "output",
                                                "file",
                                                "path",
                                                "/tmp/x.log",
                                                "max_part_size",
                                                "1mb"),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("max_part_size")
                .hasMessageContaining("a local path is written exactly");
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def(
                                                "output",
                                                "file",
                                                "path",
                                                "s3://out/x",
                                                "part_prefix",
                                                "a/b"),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("part_prefix");
    }

    @Test
    void fileInputSettingsAreChecked() {
        assertThatThrownBy(() -> Inputs.create(def("input", "file"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing a required setting for the file input plugin");
        assertThatThrownBy(
                        () ->
                                Inputs.create(
                                        def("input", "file", "path", "/x", "mode", "follow"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Invalid setting for file input plugin: mode => \"follow\"");
        assertThatThrownBy(
                        () ->
                                Inputs.create(
                                        def("input", "file", "path", "/x", "close_older", 5L), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown setting 'close_older' for file")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(new SourceLocation("test.conf", 5, 9));
        assertThatThrownBy(
                        () ->
                                Inputs.create(
                                        def(
                                                "input",
                                                "file",
                                                "path",
                                                "/x",
                                                "mode",
                                                "read",
                                                "file_completed_action",
                                                "log"),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("\"file_completed_log_path\" setting must be provided");
        assertThatThrownBy(
                        () ->
                                Inputs.create(
                                        def(
                                                "input",
                                                "file",
                                                "path",
                                                "/x",
                                                "stat_interval",
                                                "3 fortnights"),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("stat_interval");
        assertThatThrownBy(
                        () ->
                                Inputs.create(
                                        def("input", "file", "path", "/x", "codec", "rubydebug"),
                                        CTX))
                .isInstanceOf(ConfigException.class);
        // sincedb settings are accepted (and ignored with a warning)
        assertThat(
                        Inputs.create(
                                def("input", "file", "path", "/x", "sincedb_path", "/dev/null"),
                                CTX))
                .isNotNull();
    }

    @Test
    void fileOutputSettingsAreChecked() {
        assertThatThrownBy(() -> Outputs.create(def("output", "file", "path", "%{dir}/x.log"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessage("The starting part of the path should not be dynamic.");
        assertThatThrownBy(() -> Outputs.create(def("output", "file"), CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing a required setting for the file output plugin");
        assertThatThrownBy(
                        () ->
                                Outputs.create(
                                        def("output", "file", "path", "/tmp/x", "file_mode", 999L),
                                        CTX))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("file_mode");
    }

    @Test
    void inputDecoratorAddsLegacyOrEcsFieldsAndCommonOptions() {
        Map<String, Object> addField = new LinkedHashMap<>();
        addField.put("env", "prod");
        addField.put("from", "%{path}");
        InputDecorator legacy =
                new InputDecorator(
                        InputDecorator.Kind.FILE,
                        FileInputs.SPEC.read(
                                def(
                                        "input",
                                        "file",
                                        "path",
                                        "/var/log/mail.log",
                                        "type",
                                        "mail",
                                        "tags",
                                        List.of("a", "b"),
                                        "add_field",
                                        addField)));
        Event e = new Event();
        e.set("message", "m");
        legacy.decorate(e, "/var/log/mail.log");
        assertThat(e.get("path")).isEqualTo("/var/log/mail.log");
        assertThat(e.get("host")).isInstanceOf(String.class);
        assertThat(e.get("type")).isEqualTo("mail");
        assertThat(e.get("env")).isEqualTo("prod");
        assertThat(e.get("from")).isEqualTo("/var/log/mail.log");
        assertThat(e.tags()).containsExactly("a", "b");
        assertThat(e.get("[@metadata][path]")).isEqualTo("/var/log/mail.log");

        InputDecorator ecs =
                new InputDecorator(
                        InputDecorator.Kind.FILE,
                        FileInputs.SPEC.read(
                                def("input", "file", "path", "/a", "ecs_compatibility", "v8")));
        Event e2 = new Event();
        ecs.decorate(e2, "/a");
        assertThat(e2.get("[log][file][path]")).isEqualTo("/a");
        assertThat(e2.get("[host][name]")).isInstanceOf(String.class);
        assertThat(e2.includes("path")).isFalse();
        assertThat(e2.includes("type")).isFalse();
    }
}
