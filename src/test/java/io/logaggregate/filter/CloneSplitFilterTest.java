package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.PipelineText.all;
import static io.logaggregate.filter.PipelineText.filter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The examples of logstash-filter-clone's clone_spec.rb and -split's split_spec.rb. */
class CloneSplitFilterTest {

    // ------------------------------------------------------------------ clone

    @Test
    void cloneAllDefaults() {
        List<Event> out =
                all(
                        filter("clone { clones => [\"clone\", \"clone\", \"clone\"] }"),
                        event("message", "hello world", "type", "original"));
        assertThat(out).hasSize(4);
        assertThat(out)
                .extracting(e -> e.get("type"))
                .containsExactly("original", "clone", "clone", "clone");
        assertThat(out).extracting(e -> e.get("message")).containsOnly("hello world");

        out =
                all(
                        filter(
                                "clone { clones => [\"clone\", \"clone\"] ecs_compatibility => v8 }"),
                        event("message", "hello world", "type", "original"));
        assertThat(out).extracting(e -> e.get("type")).containsOnly("original");
        assertThat(out.get(0).get("tags")).isNull();
        assertThat(out.get(1).tags()).containsExactly("clone");
        assertThat(out.get(2).tags()).containsExactly("clone");
    }

    @Test
    void cloneComplexUse() {
        String settings =
                "clones => [\"nginx-access-clone1\", \"nginx-access-clone2\"] add_tag =>"
                        + " ['RABBIT','NO_ES'] remove_tag => [\"TESTLOG\"]";
        List<Event> out =
                all(
                        filter("clone { " + settings + " }"),
                        event(
                                "type",
                                "nginx-access",
                                "tags",
                                list("TESTLOG"),
                                "message",
                                "hello world"));
        assertThat(out).hasSize(3);
        assertThat(out.get(0).get("type")).isEqualTo("nginx-access");
        assertThat(out.get(0).tags()).containsExactly("TESTLOG");
        assertThat(out.get(1).get("type")).isEqualTo("nginx-access-clone1");
        assertThat(out.get(1).tags()).containsExactly("RABBIT", "NO_ES");
        assertThat(out.get(2).get("type")).isEqualTo("nginx-access-clone2");
        assertThat(out.get(2).tags()).containsExactly("RABBIT", "NO_ES");

        out =
                all(
                        filter("clone { " + settings + " ecs_compatibility => v1 }"),
                        event(
                                "type",
                                "nginx-access",
                                "tags",
                                list("TESTLOG"),
                                "message",
                                "hello world"));
        assertThat(out).extracting(e -> e.get("type")).containsOnly("nginx-access");
        assertThat(out.get(0).tags()).containsExactly("TESTLOG");
        assertThat(out.get(1).tags()).containsExactly("nginx-access-clone1", "RABBIT", "NO_ES");
        assertThat(out.get(2).tags()).containsExactly("nginx-access-clone2", "RABBIT", "NO_ES");
    }

    @Test
    void clonesAreIndependentCopiesWithNumbers() {
        // LOGSTASH-1225
        List<Event> out =
                all(
                        filter("clone { clones => [ 'clone1' ] }"),
                        event("type", "bug-1225", "message", "unused", "number", 5L));
        assertThat(out.get(0).get("number")).isEqualTo(5L);
        assertThat(out.get(1).get("number")).isEqualTo(5L);
        out.get(1).set("number", 6L);
        assertThat(out.get(0).get("number")).isEqualTo(5L);
    }

    @Test
    void cloneSettings() {
        assertThat(all(filter("clone { clones => [] }"), event("a", 1L))).hasSize(1);
        assertThatThrownBy(() -> filter("clone { }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Missing a required setting for the clone filter plugin");
    }

    // ------------------------------------------------------------------ split

    private static List<Event> split(String settings, Event e) {
        return all(filter("split { " + settings + " }"), e);
    }

    private static List<Event> split(String settings, String message) {
        return split(settings, PipelineText.message(message));
    }

    @Test
    void splitAllDefaults() {
        List<Event> out = split("", "big\n");
        assertThat(out).extracting(e -> e.get("message")).containsExactly("big");
        out = split("", "big\nbird\nsesame street");
        assertThat(out)
                .extracting(e -> e.get("message"))
                .containsExactly("big", "bird", "sesame street");
        // nothing to split: the event goes on as it is, without the common options
        Event one = PipelineText.message("big");
        out = all(filter("split { add_tag => s }"), one);
        assertThat(out).containsExactly(one);
        assertThat(one.get("tags")).isNull();
    }

    @Test
    void splitCustomTerminatorAndField() {
        // a real tab in the pipeline text, as in the spec's heredoc
        List<Event> out = split("terminator => \"\t\"", "big\tbird\tsesame street");
        assertThat(out)
                .extracting(e -> e.get("message"))
                .containsExactly("big", "bird", "sesame street");
        // Logstash keeps backslashes in strings: "\\t" is two characters
        out = split("terminator => \"\\t\"", "a\\tb");
        assertThat(out).extracting(e -> e.get("message")).containsExactly("a", "b");
        out = split("terminator => \", \"", "a, b, c");
        assertThat(out).extracting(e -> e.get("message")).containsExactly("a", "b", "c");

        out =
                split(
                        "field => \"custom\"",
                        event("custom", "big\nbird\nsesame street", "do_not_touch", "1\n2\n3"));
        assertThat(out)
                .extracting(e -> e.get("custom"))
                .containsExactly("big", "bird", "sesame street");
        assertThat(out).extracting(e -> e.get("do_not_touch")).containsOnly("1\n2\n3");
    }

    @Test
    void splitArrays() {
        List<Event> out =
                split(
                        "field => \"array\"",
                        event(
                                "array",
                                list("big", "bird", "sesame street"),
                                "untouched",
                                "1\n2\n3"));
        assertThat(out)
                .extracting(e -> e.get("array"))
                .containsExactly("big", "bird", "sesame street");
        assertThat(out).extracting(e -> e.get("untouched")).containsOnly("1\n2\n3");

        out =
                split(
                        "field => \"array\"",
                        event("array", list("single-element"), "untouched", "1\n2\n3"));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).get("array")).isEqualTo("single-element");
        assertThat(out.get(0).get("untouched")).isEqualTo("1\n2\n3");

        out =
                split(
                        "field => \"array\"",
                        event("array", list("big", null, "bird", null, "sesame street")));
        assertThat(out)
                .extracting(e -> e.get("array"))
                .containsExactly("big", "bird", "sesame street");

        out =
                split(
                        "field => \"array\" target => \"element\"",
                        event("array", list("big", "bird", "sesame street")));
        assertThat(out)
                .extracting(e -> e.get("element"))
                .containsExactly("big", "bird", "sesame street");
        assertThat(out.get(0).get("array")).isEqualTo(list("big", "bird", "sesame street"));

        out = split("field => \"array\" target => \"element\"", event("array", list(1L, 2L, 3L)));
        assertThat(out).extracting(e -> e.get("element")).containsExactly(1L, 2L, 3L);

        out =
                split(
                        "field => \"array\" target => \"element\"",
                        event("array", list(1L, 2L, "three", "")));
        assertThat(out).extracting(e -> e.get("element")).containsExactly(1L, 2L, "three");

        // an empty array leaves nothing, as in Logstash
        assertThat(split("field => \"array\"", event("array", list()))).isEmpty();
    }

    @Test
    void splitPiecesGetTheCommonOptions() {
        List<Event> out = split("add_field => { \"part\" => \"%{message}!\" }", "a\nb");
        assertThat(out).extracting(e -> e.get("part")).containsExactly("a!", "b!");
    }

    @Test
    void splitOfAnythingElseIsTagged() {
        List<Event> out = split("field => \"field\"", event("field", 10L));
        assertThat(out).hasSize(1);
        assertThat(out.get(0).tags()).containsExactly("_split_type_failure");
        out = split("field => \"missing\"", event("field", 10L));
        assertThat(out.get(0).tags()).containsExactly("_split_type_failure");
    }

    @Test
    void rubySplitRules() {
        assertThat(SplitFilter.rubySplit("a,b,,", ",")).containsExactly("a", "b", "", "");
        assertThat(SplitFilter.rubySplit("  a  b ", " ")).containsExactly("a", "b", "");
        assertThat(SplitFilter.rubySplit("abc", "")).containsExactly("a", "b", "c");
        assertThat(SplitFilter.rubySplit("", ",")).isEmpty();
    }

    @Test
    void worksAfterSerialization() throws Exception {
        List<Event> out = all(PipelineText.shipped("split { }"), PipelineText.message("x\ny"));
        assertThat(out).extracting(e -> e.get("message")).containsExactly("x", "y");
        out = all(PipelineText.shipped("clone { clones => [a] }"), PipelineText.message("x"));
        assertThat(out).extracting(e -> e.get("type")).containsExactly(null, "a");
    }
}
