package io.logaggregate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginSpecTest {
    private static final PluginSpec SPEC =
            PluginSpec.filter("demo")
                    .string("source", "message", "field to read")
                    .requiredString("target", "field to write")
                    .number("limit", 10, "how many")
                    .bool("strict", false, "fail hard")
                    .array("tags", List.of("_demo"), "tags on failure")
                    .oneOf("mode", "lenient", "how to parse", "lenient", "strict");

    private static PluginDef block(String body) {
        return ((PluginStatement)
                        ConfigParser.parse(
                                        "demo.conf", "filter { demo { " + body + " } }", Map.of())
                                .filters()
                                .get(0))
                .plugin();
    }

    @Test
    void defaultsFillWhatIsNotWritten() {
        PluginSettings s = SPEC.read(block("target => \"t\""));
        assertThat(s.getString("source")).isEqualTo("message");
        assertThat(s.getLong("limit")).isEqualTo(10);
        assertThat(s.getBool("strict")).isFalse();
        assertThat(s.getList("tags")).containsExactly("_demo");
        assertThat(s.getString("mode")).isEqualTo("lenient");
        assertThat(s.effective())
                .containsAllEntriesOf(Map.of("source", "message", "target", "t", "limit", 10));
    }

    @Test
    void writtenValuesWin() {
        PluginSettings s = SPEC.read(block("target => \"t\" limit => 3 mode => strict"));
        assertThat(s.getLong("limit")).isEqualTo(3);
        assertThat(s.getString("mode")).isEqualTo("strict");
    }

    @Test
    void requiredAllowedAndUnknownAreErrors() {
        assertThatThrownBy(() -> SPEC.read(block("")))
                .hasMessageContaining("Missing a required setting for the demo filter plugin");
        assertThatThrownBy(() -> SPEC.read(block("target => t mode => other")))
                .hasMessageContaining("Expected one of");
        assertThatThrownBy(() -> SPEC.read(block("target => t nope => 1")))
                .hasMessageContaining("Unknown setting 'nope' for demo");
    }
}
