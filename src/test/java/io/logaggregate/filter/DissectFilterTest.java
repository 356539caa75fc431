package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.expected;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.PipelineText.filter;
import static io.logaggregate.filter.PipelineText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import io.logaggregate.event.Values;
import java.math.BigInteger;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The examples of logstash-filter-dissect's dissect_spec.rb and dissect_tests.json. */
class DissectFilterTest {
    private static Event dissect(String mapping, String message) {
        return sample("dissect { mapping => { message => \"" + mapping + "\" } }", message);
    }

    @Test
    void basicDissection() {
        Event e =
                dissect(
                        "[%{occurred_at}] %{code} %{service->} %{ic} %{svc_message}",
                        "[25/05/16 09:10:38:425 BST] 00000001 SystemOut     O"
                                + " java.lang:type=MemoryPool,name=class storage");
        assertThat(e.get("occurred_at")).isEqualTo("25/05/16 09:10:38:425 BST");
        assertThat(e.get("code")).isEqualTo("00000001");
        assertThat(e.get("service")).isEqualTo("SystemOut");
        assertThat(e.get("ic")).isEqualTo("O");
        assertThat(e.get("svc_message")).isEqualTo("java.lang:type=MemoryPool,name=class storage");
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void likeCsvWithMissingFields() {
        Event e =
                sample(
                        "dissect { mapping => { message => '[%{occurred_at}] %{code} %{service}"
                                + " values: \"%{v1}\",\"%{v2}\",\"%{v3}\"%{rest}' } }",
                        "[25/05/16 09:10:38:425 BST] 00000001 SystemOut values: \"f1\",\"\",\"f3\"");
        assertThat(e.get("occurred_at")).isEqualTo("25/05/16 09:10:38:425 BST");
        assertThat(e.get("code")).isEqualTo("00000001");
        assertThat(e.get("service")).isEqualTo("SystemOut");
        assertThat(e.get("v1")).isEqualTo("f1");
        assertThat(e.get("v2")).isEqualTo("");
        assertThat(e.get("v3")).isEqualTo("f3");
        assertThat(e.get("rest")).isEqualTo("");
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void datatypeConversion() {
        for (String[] c :
                new String[][] {
                    {
                        "[%{occurred_at}] %{code} %{service} %{?ic}=%{&ic}% %{svc_message}",
                        "[25/05/16 09:10:38:425 BST] 00000001 SystemOut cpu=95.43%"
                                + " java.lang:type=MemoryPool,name=class storage"
                    },
                    {
                        // multibyte Unicode delimiters
                        "[%{occurred_at}]྿྿྿%{code}྿%{service}྿྿྿྿%{?ic}=%{&ic}%྿྿%{svc_message}",
                        "[25/05/16 09:10:38:425 BST]྿྿྿00000001྿SystemOut྿྿྿྿cpu=95.43%྿྿"
                                + "java.lang:type=MemoryPool,name=class storage"
                    }
                }) {
            Event e =
                    sample(
                            "dissect { mapping => { message => \""
                                    + c[0]
                                    + "\" } convert_datatype => { cpu => \"float\" code =>"
                                    + " \"int\" } }",
                            c[1]);
            assertThat(e.get("occurred_at")).isEqualTo("25/05/16 09:10:38:425 BST");
            assertThat(e.get("code")).isEqualTo(1L);
            assertThat(e.get("service")).isEqualTo("SystemOut");
            assertThat(e.get("cpu")).isEqualTo(95.43);
            assertThat(e.get("svc_message"))
                    .isEqualTo("java.lang:type=MemoryPool,name=class storage");
            assertThat(e.includes("ic")).isFalse();
        }
    }

    @Test
    void failingConversionsTagPerFieldAndType() {
        Event e =
                event(
                        "message",
                        "[25/05/16 09:10:38:425 BST] 00000001 SystemOut cpu=95.43% x",
                        "other",
                        map());
        sample(
                "dissect { mapping => { message => \"[%{occurred_at}] %{code} %{service}"
                        + " %{?ic}=%{&ic}% %{svc_message}\" } convert_datatype => { ccu => float"
                        + " other => int } }",
                e);
        assertThat(e.get("code")).isEqualTo("00000001");
        assertThat(e.tags())
                .containsExactly(
                        "_dataconversionnullvalue_ccu_float",
                        "_dataconversionuncoercible_other_int");
    }

    @Test
    void aMissingSourceFieldIsNoFailure() {
        Event e = sample("dissect { mapping => { msg => \"[%{occurred_at}] %{code}\" } }", "foo");
        assertThat(e.toMap()).isEqualTo(expected("message", "foo"));
        e =
                sample(
                        "dissect { mapping => { \"blah-di-blah\" => \"%{timestamp} %{+timestamp}\" } }",
                        "very random message :-)");
        assertThat(e.toMap()).isEqualTo(expected("message", "very random message :-)"));
    }

    @Test
    void unsupportedDatatypeIsAConfigError() {
        assertThatThrownBy(() -> filter("dissect { convert_datatype => { code => \"integer\" } }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("datatype not supported: integer");
    }

    @Test
    void largeNumbers() {
        Event e =
                sample(
                        "dissect { convert_datatype => { \"big_number\" => \"int\" } }",
                        event("big_number", "43947404257507186289"));
        // an integer beyond 64 bits stays exact
        assertThat(e.get("big_number")).isEqualTo(new BigInteger("43947404257507186289"));
        e =
                sample(
                        "dissect { convert_datatype => { \"big_number\" => \"float\" } }",
                        event("big_number", "43947404257507186289.345324"));
        assertThat(e.get("big_number"))
                .isEqualTo(
                        Values.normalize(new java.math.BigDecimal("43947404257507186289.345324")));
    }

    @Test
    void skipAndAppendWithCommonOptions() {
        Event e =
                sample(
                        "dissect { mapping => { \"message\" => \"%{timestamp} %{+timestamp}"
                                + " %{+timestamp} %{logsource} %{} %{program}[%{pid}]: %{msg}\" }"
                                + " add_field => { favorite_filter => \"why, dissect of course\" } }",
                        "Mar 16 00:01:25 evita skip-this postfix/smtpd[1713]: connect from"
                                + " camomile.cloud9.net[168.100.1.3]");
        assertThat(e.get("tags")).isNull();
        assertThat(e.get("logsource")).isEqualTo("evita");
        assertThat(e.get("timestamp")).isEqualTo("Mar 16 00:01:25");
        assertThat(e.get("msg")).isEqualTo("connect from camomile.cloud9.net[168.100.1.3]");
        assertThat(e.get("program")).isEqualTo("postfix/smtpd");
        assertThat(e.get("pid")).isEqualTo("1713");
        assertThat(e.get("favorite_filter")).isEqualTo("why, dissect of course");
    }

    @Test
    void fieldFormats() {
        filter(
                "dissect { mapping => { message => \"%{+timestamp/2} %{+timestamp/1} %{?no_name}"
                        + " %{&no_name} %{} %{program}[%{pid}]: %{msg}\" } }");
        for (String bad : new String[] {"%{+&timestamp}", "%{&+timestamp}"}) {
            assertThatThrownBy(
                            () -> filter("dissect { mapping => { message => \"" + bad + "\" } }"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith(
                            "Field cannot prefix with both Append and Indirect Prefix");
        }
        assertThatThrownBy(() -> filter("dissect { mapping => { message => \"%{+}\" } }"))
                .hasMessageContaining("prefix on its own");
        assertThatThrownBy(() -> filter("dissect { mapping => { message => \"%{&/2}\" } }"))
                .hasMessageContaining("without a name section");
        assertThatThrownBy(() -> filter("dissect { mapping => { message => \"no fields\" } }"))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(
                        () ->
                                filter(
                                        "dissect { mapping => { message => \"%{a}\" } tag_on_error => x }"))
                .hasMessageContaining("Unknown setting 'tag_on_error' for dissect");
    }

    @Test
    void curlyBracesAsDelimiters() {
        Event e = dissect("{%{a}}{%{b}}%{rest}", "{foo}{bar}");
        assertThat(e.get("a")).isEqualTo("foo");
        assertThat(e.get("b")).isEqualTo("bar");
        assertThat(e.get("rest")).isEqualTo("");
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void noFieldOrEmptyField() {
        Event e =
                sample(
                        "dissect { mapping => { message => \"%{a} %{b}\" } }",
                        FilterTestSupport.event());
        assertThat(e.get("tags")).isNull();
        e = dissect("%{a} %{b}", "");
        assertThat(e.tags()).containsExactly("_dissectfailure");
        e =
                sample(
                        "dissect { mapping => { message => \"%{a} %{b}\" } tag_on_failure => [\"x\", \"y\"] }",
                        "nospace");
        assertThat(e.tags()).containsExactly("x", "y");
        assertThat(e.includes("a")).isFalse();
    }

    @Test
    void commonOptionsOnlyOnAMatch() {
        Event e =
                sample("dissect { mapping => { message => \"%{a} %{b}\" } add_tag => ok }", "1 2");
        assertThat(e.tags()).containsExactly("ok");
        e = sample("dissect { mapping => { message => \"%{a} %{b}\" } add_tag => ok }", "12");
        assertThat(e.tags()).containsExactly("_dissectfailure");
    }

    @Test
    void fieldReferencesAsNames() {
        Event e = dissect("%{[src][ip]}:%{[src][port]}", "10.0.0.1:25");
        assertThat(e.get("src"))
                .isEqualTo(
                        map("src", null).isEmpty() ? null : Map.of("ip", "10.0.0.1", "port", "25"));
    }

    static Stream<Arguments> compatibilitySuite() {
        String trace =
                "Error parsing HTTP request header\n Note: further occurrences of HTTP header"
                        + " parsing errors will be logged at DEBUG level.\n"
                        + " java.lang.IllegalArgumentException: Invalid character found in method"
                        + " name. HTTP method names must be tokens\n    at"
                        + " org.apache.coyote.http11.Http11InputBuffer.parseRequestLine(Http11InputBuffer.java:426)\n"
                        + "    at java.lang.Thread.run(Thread.java:748)";
        return Stream.of(
                Arguments.of(
                        "%{day}-%{month}-%{year} %{hour} %{severity} [%{thread_id}] %{origin} %{message}",
                        "18-Apr-2018 06:53:20.411 INFO [http-nio-8080-exec-1]"
                                + " org.apache.coyote.http11.Http11Processor.service "
                                + trace,
                        Map.of(
                                "day", "18",
                                "hour", "06:53:20.411",
                                "message", trace,
                                "month", "Apr",
                                "origin", "org.apache.coyote.http11.Http11Processor.service",
                                "severity", "INFO",
                                "thread_id", "http-nio-8080-exec-1",
                                "year", "2018")),
                Arguments.of("%{key}", "foobar", Map.of("key", "foobar")),
                Arguments.of("%{key1} %{key2}", "foo bar", Map.of("key1", "foo", "key2", "bar")),
                Arguments.of("/var/%{key}/log", "/var/foobar/log", Map.of("key", "foobar")),
                Arguments.of("/var/%{key}", "/var/foobar/log", Map.of("key", "foobar/log")),
                Arguments.of(
                        "/var/%{key}/log/%{key1}",
                        "/var/foobar/log/apache", Map.of("key", "foobar", "key1", "apache")),
                Arguments.of(
                        "/var/%{key}/log/%{key1}.log",
                        "/var/foobar/log/apache.log", Map.of("key", "foobar", "key1", "apache")),
                Arguments.of("%{+key/3} %{+key/1} %{+key/2}", "1 2 3", Map.of("key", "2 3 1")),
                Arguments.of("%{key}-%{+key}-%{+key}", "1-2-3", Map.of("key", "1-2-3")),
                Arguments.of(
                        "%{key} %{&key}", "hello world", Map.of("hello", "world", "key", "hello")),
                Arguments.of("%{} %{key}", "hello world", Map.of("key", "world")),
                Arguments.of("%{?key} %{&key}", "hello world", Map.of("hello", "world")),
                Arguments.of(
                        "%{name},%{addr1},%{addr2},%{addr3},%{city},%{zip}",
                        "Jane Doe,4321 Fifth Avenue,,,New York,87432",
                        Map.of(
                                "addr1", "4321 Fifth Avenue",
                                "addr2", "",
                                "addr3", "",
                                "city", "New York",
                                "name", "Jane Doe",
                                "zip", "87432")),
                Arguments.of(
                        "%{id} %{function->} %{server}",
                        "00000043 ViewReceive     machine-321",
                        Map.of(
                                "function",
                                "ViewReceive",
                                "id",
                                "00000043",
                                "server",
                                "machine-321")),
                Arguments.of(
                        "%{id->} %{function} %{server}",
                        "00000043    ViewReceive machine-321",
                        Map.of(
                                "function", "ViewReceive",
                                "id", "00000043",
                                "server", "machine-321")),
                // FieldFactory's documented examples
                Arguments.of(
                        "%{+a/2} %{+a/1} %{+a/4} %{+a/3}", "1 2 3 go", Map.of("a", "2 1 go 3")),
                Arguments.of("%{a} %{b} %{+a}", "1 2 3 go", Map.of("a", "1 3 go", "b", "2")),
                Arguments.of(
                        "error: %{?err}, %{&desc}", "error: some_error, description", Map.of()),
                Arguments.of("%{?a}: %{&a}", "google: 77.98", Map.of("google", "77.98")));
    }

    @ParameterizedTest
    @MethodSource("compatibilitySuite")
    void compatibility(String mapping, String message, Map<String, Object> want) throws Exception {
        // the mappings hold quotes: the block is built as the parser would build it
        Filter f =
                FilterRegistry.create(
                        FilterTestSupport.def("dissect", "mapping", map("message", mapping)),
                        FilterTestSupport.CTX);
        f.open();
        Event e = FilterTestSupport.run(f, PipelineText.message(message));
        for (Map.Entry<String, Object> w : want.entrySet()) {
            assertThat(e.get(w.getKey())).as(w.getKey()).isEqualTo(w.getValue());
        }
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void worksAfterSerialization() throws Exception {
        Filter f =
                PipelineText.shipped("dissect { mapping => { message => \"%{a} %{+a} %{b}\" } }");
        Event e = FilterTestSupport.run(f, PipelineText.message("x y z"));
        assertThat(e.get("a")).isEqualTo("x y");
        assertThat(e.get("b")).isEqualTo("z");
    }
}
