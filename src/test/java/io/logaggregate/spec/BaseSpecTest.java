package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of Logstash's {@code filters/base_spec.rb}: the options every filter has ({@code
 * add_field}, {@code add_tag}, {@code remove_field}, {@code remove_tag}, with sprintf). The spec's
 * {@code noop} filter is a {@code mutate} with no operation, which always applies them.
 */
class BaseSpecTest {

    static Event noop(String options, String json) {
        return SpecPipeline.of("mutate { " + options + " }").sampleJson(json);
    }

    @Test
    void addingMultipleValuesToOneField() {
        Event e =
                SpecPipeline.of(
                                "mutate { add_field => [\"new_field\", \"new_value\"]"
                                        + " add_field => [\"new_field\", \"new_value_2\"] }")
                        .sample("example");
        assertThat(e.get("new_field")).isEqualTo(List.of("new_value", "new_value_2"));
    }

    @Test
    void addTag() {
        String opts = "add_tag => [\"test\"]";
        assertThat(noop(opts, "{\"type\":\"noop\"}").get("tags")).isEqualTo(List.of("test"));
        assertThat(noop(opts, "{\"type\":\"noop\",\"tags\":[\"t1\"]}").get("tags"))
                .isEqualTo(List.of("t1", "test"));
        assertThat(noop(opts, "{\"type\":\"noop\",\"tags\":[\"t1\",\"t2\"]}").get("tags"))
                .isEqualTo(List.of("t1", "t2", "test"));
        assertThat(noop(opts, "{\"type\":\"noop\",\"tags\":[\"t1\",\"t2\",\"t3\"]}").get("tags"))
                .isEqualTo(List.of("t1", "t2", "t3", "test"));
    }

    @Test
    void addTagToAStringTag() {
        assertThat(noop("add_tag => [\"bar\"]", "{\"type\":\"noop\"}").get("tags"))
                .isEqualTo(List.of("bar"));
        assertThat(noop("add_tag => [\"bar\"]", "{\"type\":\"noop\",\"tags\":\"foo\"}").get("tags"))
                .isEqualTo(List.of("foo", "bar"));
    }

    @Test
    void addTagDuplicates() {
        // "completely weird but expected": add_tag appends even a tag that is there
        assertThat(noop("add_tag => [\"foo\"]", "{\"type\":\"noop\",\"tags\":\"foo\"}").get("tags"))
                .isEqualTo(List.of("foo", "foo"));
    }

    @Test
    void removeTag() {
        String opts = "remove_tag => [\"t2\", \"t3\"]";
        Object[][] cases = {
            {"\"foo\"", List.of("foo")},
            {"\"t2\"", List.of()},
            {"[\"t2\"]", List.of()},
            {"[\"t4\"]", List.of("t4")},
            {"[\"t1\",\"t2\",\"t3\"]", List.of("t1")},
            {"[\"t1\",\"t2\"]", List.of("t1")},
        };
        for (Object[] c : cases) {
            assertThat(noop(opts, "{\"type\":\"noop\",\"tags\":" + c[0] + "}").get("tags"))
                    .as((String) c[0])
                    .isEqualTo(c[1]);
        }
    }

    @Test
    void removeTagWithDynamicValue() {
        Event e =
                noop(
                        "remove_tag => [\"%{blackhole}\"]",
                        "{\"type\":\"noop\",\"tags\":[\"t1\",\"goaway\",\"t3\"],\"blackhole\":\"goaway\"}");
        assertThat(e.get("tags")).isEqualTo(List.of("t1", "t3"));
    }

    @Test
    void removeField() {
        String opts = "remove_field => [\"t2\", \"t3\"]";
        assertThat(noop(opts, "{\"type\":\"noop\",\"t4\":\"four\"}").includes("t4")).isTrue();
        Event e = noop(opts, "{\"type\":\"noop\",\"t1\":\"one\",\"t2\":\"two\",\"t3\":\"three\"}");
        assertThat(e.includes("t1")).isTrue();
        assertThat(e.includes("t2")).isFalse();
        assertThat(e.includes("t3")).isFalse();
        Event f = noop(opts, "{\"type\":\"noop\",\"t1\":\"one\",\"t2\":\"two\"}");
        assertThat(f.includes("t1")).isTrue();
        assertThat(f.includes("t2")).isFalse();
    }

    @Test
    void removeFieldOnTags() {
        assertThat(noop("remove_field => [\"tags\"]", "{\"tags\":\"foo\"}").includes("tags"))
                .isFalse();
    }

    @Test
    void removeFieldOnDeepObjects() {
        Event e =
                noop(
                        "remove_field => [\"[t1][t2]\"]",
                        "{\"type\":\"noop\",\"t1\":{\"t2\":\"two\",\"t3\":\"three\"}}");
        assertThat(e.includes("t1")).isTrue();
        assertThat(e.includes("[t1][t2]")).isFalse();
        assertThat(e.includes("[t1][t3]")).isTrue();
    }

    /** Issue 11 cause 1: the array stays an array, its other elements move up. */
    @Test
    void removeFieldOnArray() {
        Event e =
                noop("remove_field => [\"[t1][0]\"]", "{\"type\":\"noop\",\"t1\":[\"t2\",\"t3\"]}");
        assertThat(e.includes("t1")).isTrue();
        assertThat(e.get("[t1][0]")).isEqualTo("t3");
        assertThat(e.get("t1")).isEqualTo(List.of("t3"));
    }

    @Test
    void removeFieldWithDynamicName() {
        Event e =
                noop(
                        "remove_field => [\"%{blackhole}\"]",
                        "{\"type\":\"noop\",\"blackhole\":\"go\",\"go\":\"away\"}");
        assertThat(e.includes("blackhole")).isTrue();
        assertThat(e.includes("go")).isFalse();
    }

    @Test
    void tagsAreLeftAloneWithoutTagOptions() {
        Event e = noop("", "{\"type\":\"noop\",\"go\":\"away\",\"tags\":{\"blackhole\":\"go\"}}");
        assertThat(e.get("[tags][blackhole]")).isEqualTo("go");
        assertThat(e.get("tags")).isEqualTo(Map.of("blackhole", "go"));
    }

    /** Issue 11 cause 1 through add_field: an element reference writes into the array. */
    @Test
    void addFieldThroughAnArrayElement() {
        Event e =
                noop(
                        "add_field => { \"[a][1]\" => \"%{b}\" \"[a][3]\" => \"x\" }",
                        "{\"a\":[\"zero\",\"one\"],\"b\":\"B\"}");
        assertThat(e.get("a"))
                .isEqualTo(java.util.Arrays.asList("zero", List.of("one", "B"), null, "x"));
    }
}
