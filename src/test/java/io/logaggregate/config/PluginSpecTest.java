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

    @Test
    void commonOptionsAreDeclaredPerSectionAndAPluginMayRedeclareOne() {
        PluginSpec out =
                PluginSpec.output("demo_out").codecOption("codec", "json_lines", "how written");
        assertThat(PluginSpec.common("filter").names())
                .contains("add_field", "add_tag", "remove_field", "remove_tag", "id");
        assertThat(PluginSpec.common("codec").options()).isEmpty();
        assertThat(out.declared("codec").dflt()).isEqualTo("json_lines");
        assertThat(out.declared("id")).isSameAs(PluginSpec.common("output").option("id"));
        assertThat(PluginSettings.COMMON_INPUT).isEqualTo(PluginSpec.common("input").names());
    }

    @Test
    void inForceListsEveryOwnSettingThenTheCommonOnesWritten() {
        PluginSettings s = SPEC.read(block("target => \"t\" limit => 3 add_tag => [\"x\"]"));
        assertThat(s.inForce())
                .extracting(v -> v.option().name() + "=" + v.value() + (v.given() ? " set" : ""))
                .containsExactly(
                        "source=message",
                        "target=t set",
                        "limit=3 set",
                        "strict=false",
                        "tags=[_demo]",
                        "mode=lenient",
                        "add_tag=[x] set");
        assertThat(s.get("source")).isEqualTo("message");
        assertThat(s.get("limit")).isEqualTo(3L);
    }

    @Test
    void aCodecFallsBackToTheDeclaredOne() {
        PluginSpec spec = PluginSpec.output("demo").codecOption("codec", "rubydebug", "how");
        PluginDef plain =
                ((io.logaggregate.config.ast.PluginStatement)
                                ConfigParser.parse("o.conf", "output { demo { } }", Map.of())
                                        .outputs()
                                        .get(0))
                        .plugin();
        assertThat(spec.read(plain).getCodec("codec").name()).isEqualTo("rubydebug");
        PluginDef json =
                ((io.logaggregate.config.ast.PluginStatement)
                                ConfigParser.parse(
                                                "o.conf",
                                                "output { demo { codec => json_lines {"
                                                        + " delimiter => \";\" } } }",
                                                Map.of())
                                        .outputs()
                                        .get(0))
                        .plugin();
        assertThat(spec.read(json).getCodec("codec").name()).isEqualTo("json_lines");
    }

    @Test
    void anAcceptedSettingIsKnownAndMarkedIgnored() {
        PluginSpec spec =
                PluginSpec.filter("demo2")
                        .accepted("old", PluginSpec.Kind.NUMBER, 5, "replaced by Flink");
        assertThat(spec.option("old").ignored()).isTrue();
        PluginSettings s =
                spec.read(
                        ((PluginStatement)
                                        ConfigParser.parse(
                                                        "d.conf",
                                                        "filter { demo2 { old => 1 } }",
                                                        Map.of())
                                                .filters()
                                                .get(0))
                                .plugin());
        assertThat(s.inForce()).singleElement().matches(v -> v.given() && v.option().ignored());
    }
}
