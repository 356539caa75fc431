package io.logaggregate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.config.ast.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigPrinterTest {

    static final String RICH =
            """
            input {
              stdin { codec => json { charset => "UTF-8" } }
              file { path => ["/var/log/*.log", '/tmp/x "quoted"'] start_position => beginning }
            }
            filter {
              grok {
                match => { "message" => "%{IP:ip}\\s+\\[%{DATA:d}\\] \\"%{WORD}\\"" }
                patterns_dir => []
              }
              if [a][b] == "x" and ([c] or ![d]) or "t" in [tags] {
                mutate { add_tag => [a, "b c", 3, -1.5] }
              } else if [m] =~ /a\\/b/ and [n] !~ "c/d" {
                ruby {
                  code => "
                    map['x'] ||= 0   # kept literally
                    event.set('y', \\"z\\\\\\")
                  "
                }
              } else if [l] not in [1, 2] xor [k] < 10 {
                if !([x] >= 1.25) { drop {} }
              } else {
                aggregate { timeout => 120 end_of_task => true nested => { a => { b => [[], {}] } } }
              }
              if [a] and [b] and [c] or [d] { x {} }
            }
            output {
              stdout { codec => rubydebug }
            }
            """;

    @Test
    void printedTextParsesBackToTheSameConfig() {
        PipelineConfig first = ConfigParser.parse("a.conf", RICH, Map.of());
        String printed = ConfigPrinter.print(first);
        PipelineConfig second = ConfigParser.parse("b.conf", printed, Map.of());
        assertThat(strip(second)).isEqualTo(strip(first));
        // And printing is stable.
        assertThat(ConfigPrinter.print(second)).isEqualTo(printed);
    }

    @Test
    void printsReadableText() {
        PipelineConfig c =
                ConfigParser.parse(
                        "a.conf",
                        "filter { if [a] == 1 or [b] and [c] { mutate { add_tag => t"
                                + " add_field => { \"k\" => \"v\" } } } else { drop {} } }"
                                + " output { stdout { codec => json { x => 1.5 } } }",
                        Map.of());
        assertThat(ConfigPrinter.print(c))
                .isEqualTo(
                        """
                        filter {
                          if [a] == 1 or ([b] and [c]) {
                            mutate {
                              add_tag => t
                              add_field => { "k" => "v" }
                            }
                          } else {
                            drop {}
                          }
                        }
                        output {
                          stdout {
                            codec => json { x => 1.5 }
                          }
                        }
                        """);
    }

    @Test
    void quotingChoosesAQuoteThatReadsBack() {
        assertThat(ConfigPrinter.quote("plain")).isEqualTo("\"plain\"");
        assertThat(ConfigPrinter.quote("say \\\"hi\\\"")).isEqualTo("\"say \\\"hi\\\"\"");
        assertThat(ConfigPrinter.quote("say \"hi\"")).isEqualTo("'say \"hi\"'");
        assertThat(ConfigPrinter.quote("it's")).isEqualTo("\"it's\"");
        assertThat(ConfigPrinter.quote("x \\'y\\' \"z\"")).isEqualTo("'x \\'y\\' \"z\"'");
        assertThat(ConfigPrinter.value(1e20)).isEqualTo("100000000000000000000.0");
    }

    // ------------------------------------------------------------------ location-free copies

    private static List<Object> strip(PipelineConfig c) {
        return List.of(
                c.inputs().stream().map(ConfigPrinterTest::strip).toList(),
                statements(c.filters()),
                statements(c.outputs()));
    }

    private static List<Object> statements(List<Statement> list) {
        List<Object> out = new ArrayList<>();
        for (Statement s : list) {
            if (s instanceof PluginStatement ps) {
                out.add(strip(ps.plugin()));
            } else {
                List<Object> branches = new ArrayList<>();
                for (IfStatement.Branch b : ((IfStatement) s).branches()) {
                    branches.add(
                            List.of(
                                    b.condition() == null
                                            ? "else"
                                            : ConfigParserTest.shape(b.condition()),
                                    statements(b.body())));
                }
                out.add(branches);
            }
        }
        return out;
    }

    private static PluginDef strip(PluginDef d) {
        List<Setting> settings = new ArrayList<>();
        for (Setting s : d.settings()) {
            settings.add(new Setting(s.name(), stripValue(s.value()), s.bareword(), null));
        }
        return new PluginDef(d.section(), d.name(), settings, null);
    }

    private static Object stripValue(Object v) {
        if (v instanceof PluginDef p) {
            return strip(p);
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ConfigPrinterTest::stripValue).toList();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, stripValue(x)));
            return out;
        }
        return v;
    }
}
