package io.logaggregate.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.config.ast.Expr;
import io.logaggregate.config.ast.IfStatement;
import io.logaggregate.config.ast.PipelineConfig;
import io.logaggregate.config.ast.PluginDef;
import io.logaggregate.config.ast.PluginStatement;
import io.logaggregate.config.ast.Setting;
import io.logaggregate.config.ast.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The five configuration examples of Logstash's aggregate filter documentation (examples #1 to #5
 * of its "Example" sections), copied verbatim (indentation included), parse to what they say.
 */
class DocumentationExamplesTest {

    /** Example #1 of the aggregate filter documentation, verbatim. */
    private static final String EXAMPLE_1 =
            """
             filter {
               grok {
                 match => [ "message", "%{LOGLEVEL:loglevel} - %{NOTSPACE:taskid} - %{NOTSPACE:logger} - %{WORD:label}( - %{INT:duration:int})?" ]
               }

               if [logger] == "TASK_START" {
                 aggregate {
                   task_id => "%{taskid}"
                   code => "map['sql_duration'] = 0"
                   map_action => "create"
                 }
               }

               if [logger] == "SQL" {
                 aggregate {
                   task_id => "%{taskid}"
                   code => "map['sql_duration'] += event.get('duration')"
                   map_action => "update"
                 }
               }

               if [logger] == "TASK_END" {
                 aggregate {
                   task_id => "%{taskid}"
                   code => "event.set('sql_duration', map['sql_duration'])"
                   map_action => "update"
                   end_of_task => true
                   timeout => 120
                 }
               }
             }
            """;

    /** Example #2 of the aggregate filter documentation, verbatim. */
    private static final String EXAMPLE_2 =
            """
             filter {
               grok {
                 match => [ "message", "%{LOGLEVEL:loglevel} - %{NOTSPACE:taskid} - %{NOTSPACE:logger} - %{WORD:label}( - %{INT:duration:int})?" ]
               }

               if [logger] == "SQL" {
                 aggregate {
                   task_id => "%{taskid}"
                   code => "map['sql_duration'] ||= 0 ; map['sql_duration'] += event.get('duration')"
                 }
               }

               if [logger] == "TASK_END" {
                 aggregate {
                   task_id => "%{taskid}"
                   code => "event.set('sql_duration', map['sql_duration'])"
                   end_of_task => true
                   timeout => 120
                 }
               }
             }
            """;

    /** Example #3 of the aggregate filter documentation, verbatim. */
    private static final String EXAMPLE_3 =
            """
            filter {
              grok {
                match => [ "message", "%{LOGLEVEL:loglevel} - %{NOTSPACE:user_id} - %{GREEDYDATA:msg_text}" ]
              }

              aggregate {
                task_id => "%{user_id}"
                code => "map['clicks'] ||= 0; map['clicks'] += 1;"
                push_map_as_event_on_timeout => true
                timeout_task_id_field => "user_id"
                timeout => 600 # 10 minutes timeout
                timeout_tags => ['_aggregatetimeout']
                timeout_code => "event.set('several_clicks', event.get('clicks') > 1)"
              }
            }
            """;

    /** Example #4 of the aggregate filter documentation, verbatim. */
    private static final String EXAMPLE_4 =
            """
               filter {
                 aggregate {
                   task_id => "%{country_name}"
                   code => "
                     map['country_name'] = event.get('country_name')
                     map['towns'] ||= []
                     map['towns'] << {'town_name' => event.get('town_name')}
                     event.cancel()
                   "
                   push_previous_map_as_event => true
                   timeout => 3
                 }
               }
            """;

    /** Example #5 of the aggregate filter documentation, verbatim. */
    private static final String EXAMPLE_5 =
            """
            filter {
             grok {
               match => [ "message", "%{LOGLEVEL:loglevel} - %{NOTSPACE:user_id} - %{GREEDYDATA:msg_text}" ]
             }
             aggregate {
               task_id => "%{user_id}"
               code => "map['clicks'] ||= 0; map['clicks'] += 1;"
               push_map_as_event_on_timeout => true
               timeout_task_id_field => "user_id"
               timeout => 3600 # 1 hour timeout, user activity will be considered finished one hour after the first event, even if events keep comming
               inactivity_timeout => 300 # 5 minutes timeout, user activity will be considered finished if no new events arrive 5 minutes after the last event
               timeout_tags => ['_aggregatetimeout']
               timeout_code => "event.set('several_clicks', event.get('clicks') > 1)"
             }
            }
            """;

    private static PipelineConfig parse(String text) {
        PipelineConfig c = ConfigParser.parse("example.conf", text, Map.of());
        assertThat(c.inputs()).isEmpty();
        assertThat(c.outputs()).isEmpty();
        return c;
    }

    private static PluginDef plugin(Statement s) {
        return ((PluginStatement) s).plugin();
    }

    private static Map<String, Object> settings(PluginDef d) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Setting s : d.settings()) {
            m.put(s.name(), s.value());
        }
        return m;
    }

    private static final String GROK_1 =
            "%{LOGLEVEL:loglevel} - %{NOTSPACE:taskid} - %{NOTSPACE:logger} - %{WORD:label}("
                    + " - %{INT:duration:int})?";

    @Test
    void example1() {
        PipelineConfig c = parse(EXAMPLE_1);
        assertThat(c.filters()).hasSize(4);
        assertThat(settings(plugin(c.filters().get(0))))
                .containsEntry("match", List.of("message", GROK_1));
        List<String> loggers = List.of("TASK_START", "SQL", "TASK_END");
        for (int i = 0; i < 3; i++) {
            IfStatement st = (IfStatement) c.filters().get(i + 1);
            assertThat(st.branches()).hasSize(1);
            Expr.Compare cond = (Expr.Compare) st.branches().get(0).condition();
            assertThat(((Expr.FieldRef) cond.left()).ref()).isEqualTo("[logger]");
            assertThat(((Expr.Literal) cond.right()).value()).isEqualTo(loggers.get(i));
            PluginDef agg = plugin(st.branches().get(0).body().get(0));
            assertThat(agg.name()).isEqualTo("aggregate");
            assertThat(settings(agg)).containsEntry("task_id", "%{taskid}");
        }
        PluginDef last = plugin(((IfStatement) c.filters().get(3)).branches().get(0).body().get(0));
        assertThat(settings(last))
                .containsExactly(
                        Map.entry("task_id", "%{taskid}"),
                        Map.entry("code", "event.set('sql_duration', map['sql_duration'])"),
                        Map.entry("map_action", "update"),
                        Map.entry("end_of_task", "true"),
                        Map.entry("timeout", 120L));
        assertThat(last.settings().get(3).bareword()).isTrue();
        assertThat(last.location()).isEqualTo(new SourceLocation("example.conf", 23, 6));
    }

    @Test
    void example2() {
        PipelineConfig c = parse(EXAMPLE_2);
        assertThat(c.filters()).hasSize(3);
        PluginDef sql = plugin(((IfStatement) c.filters().get(1)).branches().get(0).body().get(0));
        assertThat(settings(sql))
                .containsEntry(
                        "code",
                        "map['sql_duration'] ||= 0 ; map['sql_duration'] += event.get('duration')");
    }

    @Test
    void example3() {
        PipelineConfig c = parse(EXAMPLE_3);
        assertThat(c.filters()).hasSize(2);
        assertThat(settings(plugin(c.filters().get(1))))
                .containsExactly(
                        Map.entry("task_id", "%{user_id}"),
                        Map.entry("code", "map['clicks'] ||= 0; map['clicks'] += 1;"),
                        Map.entry("push_map_as_event_on_timeout", "true"),
                        Map.entry("timeout_task_id_field", "user_id"),
                        Map.entry("timeout", 600L),
                        Map.entry("timeout_tags", List.of("_aggregatetimeout")),
                        Map.entry(
                                "timeout_code",
                                "event.set('several_clicks', event.get('clicks') > 1)"));
    }

    @Test
    void example4() {
        PipelineConfig c = parse(EXAMPLE_4);
        PluginDef agg = plugin(c.filters().get(0));
        assertThat(settings(agg))
                .containsEntry(
                        "code",
                        "\n"
                                + "         map['country_name'] = event.get('country_name')\n"
                                + "         map['towns'] ||= []\n"
                                + "         map['towns'] << {'town_name' => event.get('town_name')}\n"
                                + "         event.cancel()\n"
                                + "       ")
                .containsEntry("push_previous_map_as_event", "true")
                .containsEntry("timeout", 3L);
    }

    @Test
    void example5() {
        PipelineConfig c = parse(EXAMPLE_5);
        assertThat(settings(plugin(c.filters().get(1))))
                .containsEntry("timeout", 3600L)
                .containsEntry("inactivity_timeout", 300L)
                .containsEntry("timeout_tags", List.of("_aggregatetimeout"));
    }

    @Test
    void allExamplesTogetherInOneFileConcatenate() {
        PipelineConfig c =
                ConfigParser.parse(
                        "all.conf",
                        EXAMPLE_1 + EXAMPLE_2 + EXAMPLE_3 + EXAMPLE_4 + EXAMPLE_5,
                        Map.of());
        assertThat(c.filters()).hasSize(4 + 3 + 2 + 1 + 2);
    }
}
