package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.expected;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import org.junit.jupiter.api.Test;

class MutateFilterTest {
    @Test
    void convertPairsFormAsInTheArticle() {
        Filter f = filter("mutate", "convert", list("size", "integer", "nrcpt", "integer"));
        assertThat(run(f, event("size", "309891", "nrcpt", "1")).toMap())
                .isEqualTo(expected("size", 309891L, "nrcpt", 1L));
    }

    @Test
    void convertEveryType() {
        Filter f =
                filter(
                        "mutate",
                        "convert",
                        map(
                                "i",
                                "integer",
                                "f",
                                "float",
                                "s",
                                "string",
                                "b",
                                "boolean",
                                "ieu",
                                "integer_eu",
                                "feu",
                                "float_eu",
                                "arr",
                                "integer",
                                "hex",
                                "integer",
                                "t",
                                "integer",
                                "n",
                                "string",
                                "d",
                                "string"));
        Event e =
                run(
                        f,
                        event(
                                "i",
                                " 1,234.9 ",
                                "f",
                                "2.5e2",
                                "s",
                                12L,
                                "b",
                                "Yes",
                                "ieu",
                                "1.234,5",
                                "feu",
                                "1.234,5",
                                "arr",
                                list("1", null, "3"),
                                "hex",
                                "0x1A",
                                "t",
                                true,
                                "n",
                                1e20,
                                "d",
                                3.0));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "i",
                                1234L,
                                "f",
                                250.0,
                                "s",
                                "12",
                                "b",
                                true,
                                "ieu",
                                1234L,
                                "feu",
                                1234.5,
                                "arr",
                                list(1L, null, 3L),
                                "hex",
                                26L,
                                "t",
                                1L,
                                "n",
                                "1.0e+20",
                                "d",
                                "3.0"));
    }

    @Test
    void booleanConversionKeepsUnknownValues() {
        Filter f = filter("mutate", "convert", map("a", "boolean", "b", "boolean", "c", "boolean"));
        assertThat(run(f, event("a", "F", "b", "", "c", "maybe")).toMap())
                .isEqualTo(expected("a", false, "b", false, "c", "maybe"));
    }

    @Test
    void failedConversionTagsMutateErrorAndStops() {
        Filter f =
                filter(
                        "mutate",
                        "convert",
                        map("n", "integer"),
                        "uppercase",
                        list("u"),
                        "add_tag",
                        list("done"));
        // convert runs before uppercase: the failure stops the filter, no common options
        assertThat(run(f, event("n", "abc", "u", "x")).toMap())
                .isEqualTo(expected("n", "abc", "u", "x", "tags", list("_mutate_error")));
        Filter custom = filter("mutate", "convert", map("n", "float"), "tag_on_failure", "bad");
        assertThat(run(custom, event("n", "1.2.3")).tags()).containsExactly("bad");
    }

    @Test
    void renameReplaceUpdateCoerceCopy() {
        Filter f =
                filter(
                        "mutate",
                        "coerce",
                        map("empty", "default"),
                        "rename",
                        map("old", "[new][place]", "absent", "x"),
                        "update",
                        map("u", "updated %{v}", "nope", "x"),
                        "replace",
                        map("r", "replaced %{v}", "fresh", "made"),
                        "copy",
                        map("v", "[copy][v]"));
        Event e = run(f, event("old", "o", "empty", null, "u", 1L, "r", 2L, "v", list("a", "b")));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "empty", "default",
                                "u", "updated a,b",
                                "r", "replaced a,b",
                                "v", list("a", "b"),
                                "new", map("place", "o"),
                                "fresh", "made",
                                "copy", map("v", list("a", "b"))));
    }

    @Test
    void gsubWithRubyReplacementSyntax() {
        Filter f =
                filter(
                        "mutate",
                        "gsub",
                        list(
                                "path",
                                "/",
                                "_",
                                "kv",
                                "(?<key>\\w+)=(\\w+)",
                                "\\2:\\k<key>$",
                                "list",
                                "[aeiou]",
                                "",
                                "dyn",
                                "%{needle}",
                                "<\\0>"));
        Event e =
                run(
                        f,
                        event(
                                "path", "/a/b",
                                "kv", "x=1 y=2",
                                "list", list("banana", 5L),
                                "dyn", "a.b",
                                "needle", "\\."));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "path", "_a_b",
                                "kv", "1:x$ 2:y$",
                                "list", list("bnn", 5L),
                                "dyn", "a<.>b",
                                "needle", "\\."));
    }

    @Test
    void caseStripSplitJoin() {
        Filter f =
                filter(
                        "mutate",
                        "uppercase",
                        list("u"),
                        "lowercase",
                        list("l"),
                        "capitalize",
                        list("c"),
                        "strip",
                        list("s", "sl"),
                        "split",
                        map("sp", ",", "ws", " "),
                        "join",
                        map("j", "|"));
        Event e =
                run(
                        f,
                        event(
                                "u", list("ab", 1L),
                                "l", "AbC",
                                "c", "hELLO wORLD",
                                "s", "  x \t",
                                "sl", list(" a ", "b "),
                                "sp", "a,b,,c,,",
                                "ws", "  one  two\tthree ",
                                "j", list("a", 1L, 2.5, list("x", "y"))));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "u",
                                list("AB", 1L),
                                "l",
                                "abc",
                                "c",
                                "Hello world",
                                "s",
                                "x",
                                "sl",
                                list("a", "b"),
                                "sp",
                                list("a", "b", "", "c"),
                                "ws",
                                list("one", "two", "three"),
                                "j",
                                "a|1|2.5|x|y"));
    }

    @Test
    void stripOfNonStringElementIsAnError() {
        Filter f = filter("mutate", "strip", list("s"));
        assertThat(run(f, event("s", list(" a", 1L))).tags()).containsExactly("_mutate_error");
    }

    @Test
    void merge() {
        Filter f =
                filter(
                        "mutate",
                        "merge",
                        map("dest", "add", "h", "h2", "arr", list("x", "y"), "bad", "h2"));
        Event e =
                run(
                        f,
                        event(
                                "dest", "a",
                                "add", list("b", "c"),
                                "h", map("k", 1L),
                                "h2", map("j", 2L),
                                "arr", list("1"),
                                "x", "2",
                                "y", list("3"),
                                "bad", "s"));
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "dest", list("a", "b", "c"),
                                "add", list("b", "c"),
                                "h", map("k", 1L, "j", 2L),
                                "h2", map("j", 2L),
                                "arr", list("1", "2", "3"),
                                "x", "2",
                                "y", list("3"),
                                "bad", "s"));
    }

    @Test
    void orderOfOperationsIsLogstashsNotTheFiles() {
        // written copy-first, but copy runs last; rename runs before replace; split before join
        Filter f =
                filter(
                        "mutate",
                        "copy",
                        map("a", "a_copy"),
                        "split",
                        map("a", ","),
                        "join",
                        map("a", "+"),
                        "replace",
                        map("b", "%{a}"),
                        "rename",
                        map("src", "a"),
                        "uppercase",
                        list("a"),
                        "lowercase",
                        list("a"),
                        "add_field",
                        map("after", "%{a}"));
        Event e = run(f, event("src", "x,Y"));
        // rename: a=x,Y; replace: b=x,Y; lowercase after uppercase: x,y; split [x,y]; join x+y;
        // copy: a_copy=x+y; then add_field
        assertThat(e.toMap())
                .isEqualTo(expected("a", "x+y", "b", "x,Y", "a_copy", "x+y", "after", "x+y"));
    }

    @Test
    void commonOptionsAfterOperations() {
        Filter f =
                filter(
                        "mutate",
                        "remove_field",
                        list("[@metadata][m]", "gone"),
                        "add_tag",
                        list("t1", "t1"),
                        "remove_tag",
                        list("old"));
        Event e = event("gone", 1L, "tags", list("old", "keep"));
        e.metadata().put("m", "x");
        run(f, e);
        assertThat(e.toMap()).isEqualTo(expected("tags", list("keep", "t1", "t1")));
        assertThat(e.metadata()).isEmpty();
    }

    @Test
    void configurationErrors() {
        assertThatThrownBy(() -> filter("mutate", "convert", map("a", "int")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Invalid conversion type 'int', expected one of"
                                + " 'string,integer,float,boolean,integer_eu,float_eu'");
        assertThatThrownBy(() -> filter("mutate", "gsub", list("a", "b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("gsub requires 3 non-nil elements per config entry");
        assertThatThrownBy(() -> filter("mutate", "gsub", list("a", "(", "b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Invalid gsub regular expression '('");
        assertThatThrownBy(() -> filter("mutate", "convrt", map("a", "integer")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown setting 'convrt' for mutate");
    }
}
