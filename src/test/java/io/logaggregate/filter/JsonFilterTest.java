package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.PipelineText.filter;
import static io.logaggregate.filter.PipelineText.sample;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The examples of logstash-filter-json's json_spec.rb, as pipelines. */
class JsonFilterTest {
    private static final String DOC =
            "{ \"hello\": \"world\", \"list\": [ 1, 2, 3 ], \"hash\": { \"k\": \"v\" } }";

    @Test
    void parseIntoTheEvent() {
        Event e = sample("json { source => \"message\" }", DOC);
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("list")).isEqualTo(list(1L, 2L, 3L));
        assertThat(e.get("hash")).isEqualTo(map("k", "v"));
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void parseIntoATarget() {
        Event e = sample("json { source => \"message\" target => \"data\" }", DOC);
        assertThat(e.get("[data][hello]")).isEqualTo("world");
        assertThat(e.get("[data][list]")).isEqualTo(list(1L, 2L, 3L));
        assertThat(e.get("[data][hash]")).isEqualTo(map("k", "v"));
        // an array needs a target, and goes there whole
        e =
                sample(
                        "json { source => \"message\" target => \"data\" }",
                        "[ { \"k\": \"v\" }, { \"l\": [1, 2, 3] } ]");
        assertThat(e.get("[data][0][k]")).isEqualTo("v");
        assertThat(e.get("[data][1][l]")).isEqualTo(list(1L, 2L, 3L));
    }

    @Test
    void invalidJsonIsTagged() {
        Event e =
                sample(
                        "json { source => \"message\" target => \"data\" tag_on_failure =>"
                                + " [\"_jsonparsefailure\",\"_custom_failure_tag\"] }",
                        "invalid json");
        assertThat(e.tags()).containsExactly("_jsonparsefailure", "_custom_failure_tag");
        assertThat(e.includes("data")).isFalse();

        e = sample("json { source => \"message\" }", "random_message");
        assertThat(e.get("tags")).isEqualTo(list("_jsonparsefailure"));
        e =
                sample(
                        "json { source => \"message\" }",
                        event("message", "random_message", "tags", list("_anotherkinfoffailure")));
        assertThat(e.tags()).containsExactly("_anotherkinfoffailure", "_jsonparsefailure");
        // trailing garbage is no JSON document
        e = sample("json { source => \"message\" }", "{\"a\":1} x");
        assertThat(e.tags()).containsExactly("_jsonparsefailure");
        assertThat(e.includes("a")).isFalse();
    }

    @Test
    void anArrayWithoutTargetIsTagged() {
        Event e = sample("json { source => \"message\" }", "[1, 2, 3]");
        assertThat(e.tags()).containsExactly("_jsonparsefailure");
    }

    @Test
    void timestamp() {
        Event e =
                sample(
                        "json { source => \"message\" }",
                        "{ \"@timestamp\": \"2013-10-19T00:14:32.996Z\" }");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2013-10-19T00:14:32.996Z"));
        assertThat(e.toJson()).contains("\"@timestamp\":\"2013-10-19T00:14:32.996Z\"");

        e =
                sample(
                        "json { source => \"message\" }",
                        "{\"foo\":\"bar\", \"@timestamp\":\"2015-12-02T17:40:00.666Z\"}");
        assertThat(e.timestamp()).isEqualTo(Instant.parse("2015-12-02T17:40:00.666Z"));
        assertThat(e.get("foo")).isEqualTo("bar");

        Instant before = Instant.now();
        e =
                sample(
                        "json { source => \"message\" }",
                        "{\"foo\":\"bar\", \"@timestamp\":\"foobar\"}");
        assertThat(e.timestamp()).isAfterOrEqualTo(before);
        assertThat(e.tags()).containsExactly("_timestampparsefailure");
        assertThat(e.get("_@timestamp")).isEqualTo("foobar");
        assertThat(e.get("foo")).isEqualTo("bar");
    }

    @Test
    void sourceEqualsTarget() {
        Event e =
                sample(
                        "json { source => \"example\" target => \"example\" }",
                        event("example", "{ \"hello\": \"world\" }"));
        assertThat(e.get("example")).isEqualTo(map("hello", "world"));
    }

    @Test
    void ecsModeWithAndWithoutTarget() {
        Event e =
                sample(
                        "json { source => \"message\" ecs_compatibility => v1 }",
                        " { \"foo\": \"bar\" } ");
        assertThat(e.get("foo")).isEqualTo("bar");
        e =
                sample(
                        "json { source => \"message\" ecs_compatibility => v1 target => \"[baz]\" }",
                        " { \"foo\": \"bar\" } ");
        assertThat(e.includes("foo")).isFalse();
        assertThat(e.get("baz")).isEqualTo(map("foo", "bar"));
    }

    @Test
    void skipOnInvalidJson() {
        String block =
                "json { source => \"message\" remove_field => [\"message\"] skip_on_invalid_json => %s }";
        Event e = sample(String.format(block, "false"), "this is not a json message");
        assertThat(e.get("message")).isEqualTo("this is not a json message");
        assertThat(e.get("tags")).isEqualTo(list("_jsonparsefailure"));
        e = sample(String.format(block, "true"), "this is not a json message");
        assertThat(e.get("message")).isEqualTo("this is not a json message");
        assertThat(e.get("tags")).isNull();
        // on success the common options apply
        e = sample(String.format(block, "true"), "{\"a\":1}");
        assertThat(e.includes("message")).isFalse();
        assertThat(e.get("a")).isEqualTo(1L);
    }

    @Test
    void aKeyThatIsNoFieldReferenceIsTagged() {
        Event e =
                sample(
                        "json { source => \"message\" }",
                        "{\"okay\":true, \"un[sup]]ported\": \"foo\"}");
        assertThat(e.tags()).containsExactly("_jsonparsefailure");
        // under a target any key is fine
        e = sample("json { source => \"message\" target => d }", "{\"un[sup]]ported\": \"foo\"}");
        assertThat(e.get("d")).isEqualTo(map("un[sup]]ported", "foo"));
    }

    @Test
    void missingSourceDoesNothingAndSourceIsRequired() {
        Event e = sample("json { source => \"nope\" add_tag => x }", "{}");
        assertThat(e.get("tags")).isNull();
        assertThatThrownBy(() -> filter("json { }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing a required setting for the json filter plugin");
    }

    @Test
    void integersBeyond64BitsStayExact() {
        Event e =
                sample(
                        "json { source => \"message\" }",
                        "{\"n\": 43947404257507186289, \"f\": 0.5}");
        assertThat(e.get("n")).isEqualTo(new java.math.BigInteger("43947404257507186289"));
        assertThat(e.get("f")).isEqualTo(0.5);
    }

    @Test
    void worksAfterSerialization() throws Exception {
        Filter f = PipelineText.shipped("json { source => message target => j }");
        Event e = FilterTestSupport.run(f, PipelineText.message("{\"a\":[true,null,1.5]}"));
        assertThat(e.get("j")).isEqualTo(map("a", list(true, null, 1.5)));
    }
}
