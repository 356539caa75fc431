package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.CLOCK;
import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of logstash-filter-grok's spec ({@code spec/filters/grok_spec.rb}, 4.4.x), as our
 * own tests: the same configurations and inputs, the same expected fields. The ECS examples run
 * with {@code ecs_compatibility} disabled (Logstash's legacy pattern set), v1 and v8 (both the
 * ecs-v1 set).
 */
class GrokSpecTest {

    private static Event grok(Event e, Object... settings) {
        return run(filter("grok", settings), e);
    }

    private static Event grok(String message, Object... settings) {
        return grok(event("message", message), settings);
    }

    /** Ruby's {@code to_s} of a field, for the spec's {@code .to_s} expectations. */
    private static String str(Object o) {
        return o == null ? "" : o.toString();
    }

    /** The spec's {@code ecs_select[disabled: a, v1: b]}. */
    private static String sel(String ecs, String disabled, String v1) {
        return "disabled".equals(ecs) ? disabled : v1;
    }

    @Nested
    class InEcsMode {
        static final String SYSLOG =
                "Mar 16 00:01:25 evita postfix/smtpd[1713]: connect from"
                        + " camomile.cloud9.net[168.100.1.3]";

        @ParameterizedTest
        @ValueSource(strings = {"disabled", "v1", "v8"})
        void simpleSyslogLineWithOverwrite(String ecs) {
            Event e =
                    grok(
                            SYSLOG,
                            "ecs_compatibility",
                            ecs,
                            "match",
                            map("message", "%{SYSLOGLINE}"),
                            "overwrite",
                            list("message"));
            assertThat(e.get("tags")).isNull();
            assertThat(e.get(sel(ecs, "[logsource]", "[host][hostname]"))).isEqualTo("evita");
            assertThat(e.get("timestamp")).isEqualTo("Mar 16 00:01:25");
            assertThat(e.get("message")).isEqualTo("connect from camomile.cloud9.net[168.100.1.3]");
            assertThat(e.get(sel(ecs, "[program]", "[process][name]"))).isEqualTo("postfix/smtpd");
            assertThat(str(e.get(sel(ecs, "[pid]", "[process][pid]")))).isEqualTo("1713");
            // the ECS set coerces the pid to an integer
            assertThat(e.get(sel(ecs, "[pid]", "[process][pid]")))
                    .isEqualTo("disabled".equals(ecs) ? "1713" : 1713L);
        }

        @ParameterizedTest
        @ValueSource(strings = {"disabled", "v1", "v8"})
        void simpleSyslogLineWithTarget(String ecs) {
            Event e =
                    grok(
                            SYSLOG,
                            "ecs_compatibility",
                            ecs,
                            "match",
                            map("message", "%{SYSLOGLINE}"),
                            "target",
                            "grok");
            assertThat(e.get("message")).isEqualTo(SYSLOG);
            assertThat(e.get("tags")).isNull();
            assertThat(e.get("grok")).isNotNull();
            assertThat(e.get("[grok][timestamp]")).isEqualTo("Mar 16 00:01:25");
            assertThat(e.get("[grok][message]"))
                    .isEqualTo("connect from camomile.cloud9.net[168.100.1.3]");
            assertThat(str(e.get(sel(ecs, "[grok][pid]", "[grok][process][pid]"))))
                    .isEqualTo("1713");
        }

        @ParameterizedTest
        @ValueSource(strings = {"disabled", "v1", "v8"})
        void simpleSyslogLineWithDeepTarget(String ecs) {
            Event e =
                    grok(
                            SYSLOG,
                            "ecs_compatibility",
                            ecs,
                            "match",
                            map("message", "%{SYSLOGLINE}"),
                            "target",
                            "[@metadata][grok]");
            assertThat(e.get("message")).isEqualTo(SYSLOG);
            assertThat(e.get("tags")).isNull();
            assertThat(e.get("grok")).isNull();
            assertThat(
                            e.get(
                                    sel(
                                            ecs,
                                            "[@metadata][grok][logsource]",
                                            "[@metadata][grok][host][hostname]")))
                    .isEqualTo("evita");
            assertThat(e.get("[@metadata][grok][message]"))
                    .isEqualTo("connect from camomile.cloud9.net[168.100.1.3]");
            assertThat(
                            str(
                                    e.get(
                                            sel(
                                                    ecs,
                                                    "[@metadata][grok][pid]",
                                                    "[@metadata][grok][process][pid]"))))
                    .isEqualTo("1713");
        }

        /** One SYSLOG5424LINE sample: the expected values, null for "not captured". */
        private void rfc5424(
                String ecs,
                String line,
                String pri,
                String ver,
                String ts,
                String host,
                String app,
                String proc,
                String sd,
                String msg) {
            Event e =
                    grok(
                            line,
                            "ecs_compatibility",
                            ecs,
                            "match",
                            map("message", "%{SYSLOG5424LINE}"));
            assertThat(e.get("tags")).isNull();
            if (pri != null) {
                assertThat(str(e.get(sel(ecs, "[syslog5424_pri]", "[log][syslog][priority]"))))
                        .isEqualTo(pri);
            }
            if (ver != null) {
                assertThat(e.get(sel(ecs, "[syslog5424_ver]", "[system][syslog][version]")))
                        .isEqualTo(ver);
            }
            if (ts != null) {
                assertThat(e.get(sel(ecs, "[syslog5424_ts]", "[timestamp]"))).isEqualTo(ts);
            }
            if (host != null) {
                assertThat(e.get(sel(ecs, "[syslog5424_host]", "[host][hostname]")))
                        .isEqualTo(host);
            }
            assertThat(e.get(sel(ecs, "[syslog5424_app]", "[process][name]"))).isEqualTo(app);
            if (proc == null) {
                assertThat(e.get(sel(ecs, "[syslog5424_proc]", "[process][pid]"))).isNull();
            } else {
                assertThat(str(e.get(sel(ecs, "[syslog5424_proc]", "[process][pid]"))))
                        .isEqualTo(proc);
            }
            assertThat(e.get(sel(ecs, "[syslog5424_msgid]", "[log][syslog][msgid]"))).isNull();
            assertThat(e.get(sel(ecs, "[syslog5424_sd]", "[system][syslog][structured_data]")))
                    .isEqualTo(sd);
            assertThat(e.get(sel(ecs, "[syslog5424_msg]", "[message][1]"))).isEqualTo(msg);
        }

        @ParameterizedTest
        @ValueSource(strings = {"disabled", "v1", "v8"})
        void ietf5424SyslogLines(String ecs) {
            String ts = "2009-06-30T18:30:00+02:00";
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug 4123 - [id1"
                            + " foo=\"bar\"][id2 baz=\"something\"] Hello, syslog.",
                    "191",
                    "1",
                    ts,
                    "paxton.local",
                    "grokdebug",
                    "4123",
                    "[id1 foo=\"bar\"][id2 baz=\"something\"]",
                    "Hello, syslog.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug - - [id1"
                            + " foo=\"bar\"] No process ID.",
                    "191",
                    "1",
                    ts,
                    "paxton.local",
                    "grokdebug",
                    null,
                    "[id1 foo=\"bar\"]",
                    "No process ID.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug 4123 - - No"
                            + " structured data.",
                    "191",
                    "1",
                    ts,
                    "paxton.local",
                    "grokdebug",
                    "4123",
                    null,
                    "No structured data.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug - - - No PID or SD.",
                    "191",
                    "1",
                    ts,
                    "paxton.local",
                    "grokdebug",
                    null,
                    null,
                    "No PID or SD.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug 4123 -  Missing"
                            + " structured data.",
                    null,
                    null,
                    null,
                    null,
                    "grokdebug",
                    "4123",
                    null,
                    "Missing structured data.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug  4123 - - Additional"
                            + " spaces.",
                    null,
                    null,
                    null,
                    null,
                    "grokdebug",
                    "4123",
                    null,
                    "Additional spaces.");
            rfc5424(
                    ecs,
                    "<191>1 2009-06-30T18:30:00+02:00 paxton.local grokdebug  4123 -  Additional"
                            + " spaces and missing SD.",
                    null,
                    null,
                    null,
                    null,
                    "grokdebug",
                    "4123",
                    null,
                    "Additional spaces and missing SD.");
            rfc5424(
                    ecs,
                    "<30>1 2014-04-04T16:44:07+02:00 osctrl01 dnsmasq-dhcp 8048 - -  Appname"
                            + " contains a dash",
                    "30",
                    "1",
                    "2014-04-04T16:44:07+02:00",
                    "osctrl01",
                    "dnsmasq-dhcp",
                    "8048",
                    null,
                    "Appname contains a dash");
            rfc5424(
                    ecs,
                    "<30>1 2014-04-04T16:44:07+02:00 osctrl01 - 8048 - -  Appname is nil",
                    "30",
                    "1",
                    "2014-04-04T16:44:07+02:00",
                    "osctrl01",
                    null,
                    "8048",
                    null,
                    "Appname is nil");
        }

        @Test
        void ecsModesPickLogstashsPatternSets() {
            assertThat(GrokPatterns.BuiltIn.forEcsCompatibility("disabled"))
                    .isEqualTo(GrokPatterns.BuiltIn.LEGACY);
            assertThat(GrokPatterns.BuiltIn.forEcsCompatibility("v1"))
                    .isEqualTo(GrokPatterns.BuiltIn.ECS_V1);
            assertThat(GrokPatterns.BuiltIn.forEcsCompatibility("v8"))
                    .isEqualTo(GrokPatterns.BuiltIn.ECS_V1);
            assertThatThrownBy(() -> filter("grok", "ecs_compatibility", "v2", "match", map()))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("ecs_compatibility");
        }
    }

    @Nested
    class NonEcs {
        @Test
        void arrayOfMessagesMatchesThemAll() {
            Event e =
                    grok(
                            event("message", list("hello 12345", "world 23456")),
                            "match",
                            map("message", "(?:hello|world) %{NUMBER:num}"));
            assertThat(e.get("num")).isEqualTo(List.of("12345", "23456"));
        }

        @Test
        void coercingMatchedValues() {
            Event e =
                    grok(
                            "400 454.33",
                            "match",
                            map("message", "%{NUMBER:foo:int} %{NUMBER:bar:float}"));
            assertThat(e.get("foo")).isEqualTo(400L);
            assertThat(e.get("bar")).isEqualTo(454.33);
        }

        @Test
        void inlinePatternDefinition() {
            Event e =
                    grok(
                            "hello 1234",
                            "match",
                            map("message", "%{FIZZLE=\\d+}"),
                            "named_captures_only",
                            false);
            assertThat(e.get("FIZZLE")).isEqualTo("1234");
        }

        @Test
        void processingSelectedFields() {
            Event e =
                    grok(
                            event("message", "hello world", "examplefield", "12345"),
                            "match",
                            map("message", "%{WORD:word}", "examplefield", "%{NUMBER:num}"),
                            "break_on_match",
                            false);
            assertThat(e.get("word")).isEqualTo("hello");
            assertThat(e.get("num")).isEqualTo("12345");
        }

        @Test
        void addingFieldsOnMatch() {
            Object[] config = {
                "match", map("message", "matchme %{NUMBER:fancy}"),
                "add_field", list("new_field", "%{fancy}")
            };
            Event hit = grok("matchme 1234", config);
            assertThat(hit.get("tags")).isNull();
            assertThat(hit.get("new_field")).isEqualTo("1234");
            Event miss = grok("this will not be matched", config);
            assertThat(miss.tags()).contains("_grokparsefailure");
            assertThat(miss.toMap()).doesNotContainKey("new_field");
        }

        @Test
        void emptyCapturesAreDroppedByDefault() {
            Event e = grok("1=test", "match", map("message", "1=%{WORD:foo1} *(2=%{WORD:foo2})?"));
            assertThat(e.get("tags")).isNull();
            assertThat(e.toMap()).containsKey("foo1").doesNotContainKey("foo2");
        }

        @Test
        void emptyCapturesKeptWithKeepEmptyCaptures() {
            Event e =
                    grok(
                            "1=test",
                            "match",
                            map("message", "1=%{WORD:foo1} *(2=%{WORD:foo2})?"),
                            "keep_empty_captures",
                            true);
            assertThat(e.get("tags")).isNull();
            assertThat(e.toMap()).containsKey("foo1").containsKey("foo2");
        }

        @Test
        void namedCapturesOnlyFalse() {
            Event e =
                    grok(
                            "Hello World, yo!",
                            "match",
                            map("message", "Hello %{WORD}. %{WORD:foo}"),
                            "named_captures_only",
                            false);
            assertThat(e.get("WORD")).isEqualTo("World");
            assertThat(e.get("foo")).isEqualTo("yo");
        }

        @Test
        void onigurumaNamedCaptures() {
            Event plain = grok("hello world", "match", map("message", "(?<foo>\\w+)"));
            assertThat(plain.get("tags")).isNull();
            assertThat(plain.get("foo")).isEqualTo("hello");

            Event withGrok =
                    grok(
                            "fancy 12-12-12 12:12:12",
                            "match",
                            map("message", "(?<timestamp>%{DATE_EU} %{TIME})"));
            assertThat(withGrok.get("tags")).isNull();
            assertThat(withGrok.get("timestamp")).isEqualTo("12-12-12 12:12:12");
        }

        @Test
        void grokOnIntegerAndFloatFields() {
            Event integer =
                    grok(
                            event("status", 403L),
                            "match",
                            map("status", "^403$"),
                            "add_tag",
                            "four_oh_three");
            assertThat(integer.tags()).containsExactly("four_oh_three");
            Event floating =
                    grok(
                            event("version", 1.0),
                            "match",
                            map("version", "^1.0$"),
                            "add_tag",
                            "one_point_oh");
            assertThat(floating.tags()).containsExactly("one_point_oh");
        }

        @Test
        void everyLogLevelName() {
            Filter f = filter("grok", "match", map("message", "%{LOGLEVEL:level}: error!"));
            for (String level :
                    ("trace Trace TRACE debug Debug DEBUG notice Notice Notice info Info INFO"
                                    + " warn warning Warn Warning WARN WARNING err error Err Error"
                                    + " ERR ERROR crit critical Crit Critical CRIT CRITICAL fatal"
                                    + " Fatal FATAL severe Severe SEVERE emerg emergency Emerg"
                                    + " Emergency EMERG EMERGENCY")
                            .split(" ")) {
                assertThat(run(f, event("message", level + ": error!")).get("level"))
                        .as(level)
                        .isEqualTo(level);
            }
        }

        @Test
        void timeoutOnFailureTagsGroktimeoutOnly() {
            Event e =
                    grok(
                            "a".repeat(68),
                            "match",
                            map("message", "(.*a){30}"),
                            "timeout_millis",
                            100L);
            assertThat(e.tags()).contains("_groktimeout").doesNotContain("_grokparsefailure");
        }

        @Test
        void tagOnFailure() {
            Object[] config = {
                "match", map("message", "matchme %{NUMBER:fancy}"), "tag_on_failure", "not_a_match"
            };
            assertThat(grok("matchme 1234", config).get("tags")).isNull();
            assertThat(grok("this will not be matched", config).tags())
                    .containsExactly("not_a_match");
        }

        @Test
        void capturesNamedFieldsEvenIfTheWholeTextMatches() {
            assertThat(
                            grok("11/01/01", "match", map("message", "%{DATE_EU:stimestamp}"))
                                    .get("stimestamp"))
                    .isEqualTo("11/01/01");
        }

        @Test
        void dashesInCaptureNames() {
            assertThat(
                            grok("hello world", "match", map("message", "%{WORD:foo-bar}"))
                                    .get("foo-bar"))
                    .isEqualTo("hello");
        }

        @Test
        void duplicateNamedFieldsGiveOneString() {
            Object[] config = {"match", map("message", "%{INT:foo}|%{WORD:foo}")};
            assertThat(grok("hello world", config).get("foo")).isEqualTo("hello");
            assertThat(grok("123 world", config).get("foo")).isEqualTo("123");
        }

        @Test
        void breakOnMatchDefaultsToTrue() {
            Event e =
                    grok(
                            event("message", "hello world 123", "somefield", "testme abc 999"),
                            "match",
                            map("message", "%{INT:foo}", "somefield", "%{INT:bar}"));
            assertThat(e.get("foo")).isEqualTo("123");
            assertThat(e.get("bar")).isNull();
        }

        @Test
        void breakOnMatchFalseTriesAllFields() {
            Event e =
                    grok(
                            event("message", "hello world 123", "somefield", "testme abc 999"),
                            "match",
                            map("message", "%{INT:foo}", "somefield", "%{INT:bar}"),
                            "break_on_match",
                            false);
            assertThat(e.get("foo")).isEqualTo("123");
            assertThat(e.get("bar")).isEqualTo("999");
        }

        @Test
        void arrayInputWithOnePattern() {
            Object[] config = {"match", map("message", "%{INT:foo}"), "break_on_match", false};
            Event full = grok(event("message", list("hello world 123", "line 23")), config);
            assertThat(full.get("foo")).isEqualTo(List.of("123", "23"));
            assertThat(full.get("tags")).isNull();
            Event partial = grok(event("message", list("hello world 123", "abc")), config);
            assertThat(partial.get("foo")).isEqualTo("123");
            assertThat(partial.get("tags")).isNull();
        }

        @Test
        void arrayInputWithSeveralPatternsBreakOnMatch() {
            Object[] config = {"match", map("message", list("%{INT:foo}", "%{WORD:bar}"))};
            Event full = grok(event("message", list("hello world 123", "line 23")), config);
            assertThat(full.get("foo")).isEqualTo(List.of("123", "23"));
            assertThat(full.get("bar")).isNull();
            assertThat(full.get("tags")).isNull();
            Event partial = grok(event("message", list("hello world", "line 23")), config);
            assertThat(partial.get("bar")).isEqualTo("hello");
            assertThat(partial.get("foo")).isEqualTo("23");
            assertThat(partial.get("tags")).isNull();
        }

        @Test
        void arrayInputWithSeveralPatternsNoBreak() {
            Object[] config = {
                "match", map("message", list("%{INT:foo}", "%{WORD:bar}")), "break_on_match", false
            };
            Event full = grok(event("message", list("hello world 123", "line 23")), config);
            assertThat(full.get("foo")).isEqualTo(List.of("123", "23"));
            assertThat(full.get("bar")).isEqualTo(List.of("hello", "line"));
            assertThat(full.get("tags")).isNull();
            Event partial = grok(event("message", list("hello world", "line 23")), config);
            assertThat(partial.get("bar")).isEqualTo(List.of("hello", "line"));
            assertThat(partial.get("foo")).isEqualTo("23");
            assertThat(partial.get("tags")).isNull();
        }

        @Test
        void grokWithUnicode() {
            Event e =
                    grok(
                            "<22>Jan  4 07:50:46 mailmaster postfix/policy-spf[9454]: : SPF"
                                    + " permerror (Junk encountered in record 'v=spf1 mx"
                                    + " a:mail.domain.no ip4:192.168.0.4 \uFFFDall'):"
                                    + " Envelope-from: email@domain.no",
                            "match",
                            map(
                                    "message",
                                    "<%{POSINT:syslog_pri}>%{SPACE}%{SYSLOGTIMESTAMP:syslog_timestamp}"
                                            + " %{SYSLOGHOST:syslog_hostname}"
                                            + " %{PROG:syslog_program}(:?)(?:\\[%{GREEDYDATA:syslog_pid}\\])?(:?)"
                                            + " %{GREEDYDATA:syslog_message}"));
            assertThat(e.get("tags")).isNull();
            assertThat(e.get("syslog_pri")).isEqualTo("22");
            assertThat(e.get("syslog_program")).isEqualTo("postfix/policy-spf");
        }

        @Test
        void nilCoercedValue() {
            Object[] config = {"match", map("message", "test (N/A|%{BASE10NUM:duration:float}ms)")};
            Event ms = grok("test 28.4ms", config);
            assertThat(ms.get("duration")).isEqualTo(28.4);
            assertThat(ms.get("tags")).isNull();
            Event na = grok("test N/A", config);
            assertThat(na.toMap()).doesNotContainKey("duration");
            assertThat(na.get("tags")).isNull();
            Event abc = grok("test abc", config);
            assertThat(abc.get("duration")).isNull();
            assertThat(abc.get("tags")).isEqualTo(List.of("_grokparsefailure"));
        }

        @Test
        void nilCoercedValueWithKeepEmptyCaptures() {
            Event e =
                    grok(
                            "test N/A",
                            "match",
                            map("message", "test (N/A|%{BASE10NUM:duration:float}ms)"),
                            "keep_empty_captures",
                            true);
            assertThat(e.toMap()).containsKey("duration");
            assertThat(e.get("tags")).isNull();
        }

        @Test
        void noCoercion() {
            Object[] config = {"match", map("message", "test (N/A|%{BASE10NUM:duration}ms)")};
            Event ms = grok("test 28.4ms", config);
            assertThat(ms.get("duration")).isEqualTo("28.4");
            assertThat(ms.get("tags")).isNull();
            Event na = grok("test N/A", config);
            assertThat(na.get("duration")).isNull();
            assertThat(na.get("tags")).isNull();
        }

        @Test
        void fieldValuesUnchangedWhenSerialisedToJson() {
            Event e =
                    grok(
                            "{\"facility\":\"auth\",\"message\":\"Failed password for testuser"
                                    + " from 1.1.1.1 port 22\"}",
                            "match",
                            list(
                                    "message",
                                    "Failed password for (invalid user |)%{USERNAME:username}"
                                            + " from %{IP:src_ip} port %{BASE10NUM:port}"),
                            "remove_field",
                            list("message", "severity"),
                            "add_tag",
                            list("ssh_failure"));
            assertThat(e.get("username")).isEqualTo("testuser");
            assertThat(e.get("port")).isEqualTo("22");
            assertThat(e.get("src_ip")).isEqualTo("1.1.1.1");
            assertThat(e.toJson())
                    .contains("\"src_ip\":\"1.1.1.1\"")
                    .contains("\"@timestamp\":\"2026-01-31T00:02:00.000Z\"")
                    .contains("\"port\":\"22\"")
                    .contains("\"@version\":\"1\"")
                    .contains("\"username\":\"testuser\"")
                    .contains("\"tags\":[\"ssh_failure\"]")
                    .doesNotContain("\"message\"");
        }

        @Test
        void inlinePatternDefinitionsExtractFields() {
            Event e =
                    grok(
                            "Mon Dec 26 16:22:08 2016 error 2020",
                            "match",
                            map(
                                    "message",
                                    "%{APACHE_TIME:timestamp} %{LOGLEVEL:level}"
                                            + " %{MY_PATTERN:hindsight}"),
                            "pattern_definitions",
                            map(
                                    "APACHE_TIME", "%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{YEAR}",
                                    "MY_PATTERN", "%{YEAR}"));
            assertThat(e.get("timestamp")).isEqualTo("Mon Dec 26 16:22:08 2016");
            assertThat(e.get("level")).isEqualTo("error");
            assertThat(e.get("hindsight")).isEqualTo("2020");
        }

        @Test
        void inlinePatternDefinitionOverwritesABuiltInOne() {
            Event e =
                    grok(
                            "Mon Dec 26 16:22:08 2016 9999",
                            "match",
                            map("message", "%{APACHE_TIME:timestamp} %{LOGLEVEL:level}"),
                            "pattern_definitions",
                            map(
                                    "APACHE_TIME", "%{DAY} %{MONTH} %{MONTHDAY} %{TIME} %{YEAR}",
                                    "LOGLEVEL", "%{NUMBER}"));
            assertThat(e.get("timestamp")).isEqualTo("Mon Dec 26 16:22:08 2016");
            assertThat(e.get("level")).isEqualTo("9999");
        }

        @Test
        void breakOnMatchWorksOnFieldsWithSeveralPatterns() {
            // LOGSTASH-1547
            Filter f =
                    filter(
                            "grok",
                            "match",
                            map(
                                    "message",
                                    list("%{GREEDYDATA:name1}beard", "tree%{GREEDYDATA:name2}")),
                            "break_on_match",
                            false);
            assertThat(run(f, event("message", "treebranch")).get("name2")).isEqualTo("branch");
            assertThat(run(f, event("message", "bushbeard")).get("name1")).isEqualTo("bush");
            Event both = run(f, event("message", "treebeard"));
            assertThat(both.get("name1")).isEqualTo("tree");
            assertThat(both.get("name2")).isEqualTo("beard");
        }
    }

    /** The spec's "(LEGACY)" part: pattern files of patterns_dir. */
    @Nested
    class PatternFiles {
        private Filter grokIn(Path dir, Object... settings) throws Exception {
            Filter f =
                    FilterRegistry.create(
                            FilterTestSupport.def("grok", settings), new FilterContext(dir, CLOCK));
            f.open();
            return f;
        }

        @Test
        void customDirOverridesCorePatterns(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("grok.pattern"), "WORD \\b[0-1]\\b");
            Filter f =
                    grokIn(
                            dir,
                            "patterns_dir",
                            list(dir.toString()),
                            "match",
                            map("message", "%{WORD:word}"));
            assertThat(run(f, event("message", "0")).get("tags")).isNull();
            assertThat(run(f, event("message", "hello")).tags())
                    .containsExactly("_grokparsefailure");
        }

        @Test
        void patternsFilesGlob(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("grok.pattern"), "WORD \\b[0-1]\\b");
            Files.writeString(dir.resolve("grok.pattern.old"), "WORD \\b[2-5]\\b");
            Filter f =
                    grokIn(
                            dir,
                            "patterns_dir",
                            list(dir.toString()),
                            "patterns_files_glob",
                            "*.pattern",
                            "match",
                            map("message", "%{WORD:word}"));
            assertThat(run(f, event("message", "0")).get("tags")).isNull();
        }

        @Test
        void globOnDirectoryWithSubdirectories(@TempDir Path dir) throws Exception {
            Files.writeString(dir.resolve("grok.pattern"), "WORD \\b[0-1]\\b");
            Files.createDirectory(dir.resolve("subdir"));
            Filter f =
                    grokIn(
                            dir,
                            "patterns_dir",
                            list(dir.toString()),
                            "patterns_files_glob",
                            "*",
                            "match",
                            map("message", "%{WORD:word}"));
            assertThat(run(f, event("message", "0")).get("tags")).isNull();
        }
    }

    /** Logstash's own pattern set is the built-in one, nothing more. */
    @Nested
    class BuiltInPatterns {
        @Test
        void patternsLogstashHasAreThere() {
            Event e =
                    grok(
                            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif"
                                    + " HTTP/1.0\" 200 2326 \"http://www.example.com/start.html\""
                                    + " \"Mozilla/4.08 [en] (Win98; I ;Nav)\"",
                            "match",
                            map("message", "%{HTTPD_COMBINEDLOG}"));
            assertThat(e.get("tags")).isNull();
            assertThat(e.get("clientip")).isEqualTo("127.0.0.1");
            assertThat(e.get("auth")).isEqualTo("frank");
            assertThat(e.get("verb")).isEqualTo("GET");
            assertThat(e.get("response")).isEqualTo("200");
            assertThat(e.get("referrer")).isEqualTo("\"http://www.example.com/start.html\"");
            assertThat(e.get("agent")).isEqualTo("\"Mozilla/4.08 [en] (Win98; I ;Nav)\"");

            Event mail =
                    grok(
                            "from john.doe+tag@mail.example.org",
                            "match",
                            map("message", "from %{EMAILADDRESS:email}"));
            assertThat(mail.get("email")).isEqualTo("john.doe+tag@mail.example.org");

            Event common =
                    grok(
                            "127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] \"GET / HTTP/1.1\" 304 -",
                            "match",
                            map("message", "%{HTTPD_COMMONLOG}"));
            assertThat(common.get("tags")).isNull();
            assertThat(common.get("response")).isEqualTo("304");
        }

        @Test
        void javaGrokOnlyPatternsAreNotDefined() {
            // java-grok's old bundle had postfix patterns; Logstash has none
            assertThatThrownBy(
                            () -> filter("grok", "match", map("message", "%{POSTFIX_QUEUEID:q}")))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("pattern %{POSTFIX_QUEUEID:q} not defined");
            assertThat(GrokPatterns.defaults())
                    .doesNotContainKeys(
                            "POSTFIX_QUEUEID",
                            "POSTFIX_SMTPD",
                            "COMMONAPACHELOG_DATATYPED",
                            "GREEDYDATA_NO_COLON",
                            "MESSAGESLOG",
                            "HOST");
        }

        @Test
        void posixBracketsMatchUnicodeLettersAsRubyDoes() {
            Event e =
                    grok(
                            "file /home/jörg/отчёт_2024.txt opened",
                            "match",
                            map("message", "file %{UNIXPATH:path} opened"));
            assertThat(e.get("path")).isEqualTo("/home/jörg/отчёт_2024.txt");
        }

        @Test
        void ecsSetCapturesEcsFieldsAndCoerces() {
            Event e =
                    grok(
                            "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif"
                                    + " HTTP/1.0\" 200 2326",
                            "ecs_compatibility",
                            "v1",
                            "match",
                            map("message", "%{HTTPD_COMMONLOG}"));
            assertThat(e.get("tags")).isNull();
            assertThat(e.get("[source][address]")).isEqualTo("127.0.0.1");
            assertThat(e.get("[user][name]")).isEqualTo("frank");
            assertThat(e.get("[http][request][method]")).isEqualTo("GET");
            assertThat(e.get("[http][response][status_code]")).isEqualTo(200L);
            assertThat(e.get("[http][response][body][bytes]")).isEqualTo(2326L);
            assertThat(e.get("[url][original]")).isEqualTo("/apache_pb.gif");
        }

        @Test
        void everyPatternOfBothSetsCompiles() {
            for (GrokPatterns.BuiltIn set : GrokPatterns.BuiltIn.values()) {
                Map<String, String> defs = set.definitions();
                for (String name : defs.keySet()) {
                    GrokExpander.Expansion x =
                            GrokExpander.expand(
                                    "%{" + name + ":x}", defs, true, FilterTestSupport.LOC);
                    java.util.regex.Pattern.compile(
                            x.regex(), java.util.regex.Pattern.DOTALL | RubyRegex.RUBY_FLAGS);
                }
            }
            assertThat(GrokPatterns.BuiltIn.LEGACY.definitions()).hasSize(317);
        }
    }
}
