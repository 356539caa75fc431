package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples of Logstash's {@code conditionals_spec.rb} ("conditionals in filter"), each run as a
 * pipeline; and what Logstash 8.16+ does with a comparison it cannot evaluate (the event takes
 * neither branch and leaves the pipeline, with a warning).
 */
class ConditionalsSpecTest {

    static Event sample(String config, String json) {
        return SpecPipeline.of(config).sampleJson(json);
    }

    /** The spec's {@code conditional}: tags "success" or "failure". */
    static List<String> conditional(String expression, String json) {
        return SpecPipeline.of(
                        "if "
                                + expression
                                + " { mutate { add_tag => \"success\" } } else { mutate { add_tag =>"
                                + " \"failure\" } }")
                .sampleJson(json)
                .tags();
    }

    static List<String> conditionalMessage(String expression, String message) {
        return SpecPipeline.of(
                        "if "
                                + expression
                                + " { mutate { add_tag => \"success\" } } else { mutate { add_tag =>"
                                + " \"failure\" } }")
                .sample(message)
                .tags();
    }

    @Test
    void simple() {
        String conf =
                """
                mutate { add_field => { "always" => "awesome" } }
                if [foo] == "bar" {
                  mutate { add_field => { "hello" => "world" } }
                } else if [bar] == "baz" {
                  mutate { add_field => { "fancy" => "pants" } }
                } else {
                  mutate { add_field => { "free" => "hugs" } }
                }
                """;
        Event a = sample(conf, "{\"foo\":\"bar\"}");
        assertThat(a.get("always")).isEqualTo("awesome");
        assertThat(a.get("hello")).isEqualTo("world");
        assertThat(a.get("fancy")).isNull();
        assertThat(a.get("free")).isNull();
        Event b = sample(conf, "{\"notfoo\":\"bar\"}");
        assertThat(b.get("hello")).isNull();
        assertThat(b.get("fancy")).isNull();
        assertThat(b.get("free")).isEqualTo("hugs");
        Event c = sample(conf, "{\"bar\":\"baz\"}");
        assertThat(c.get("hello")).isNull();
        assertThat(c.get("fancy")).isEqualTo("pants");
        assertThat(c.get("free")).isNull();
    }

    @Test
    void nested() {
        String conf =
                """
                if [nest] == 123 {
                  mutate { add_field => { "always" => "awesome" } }
                  if [foo] == "bar" {
                    mutate { add_field => { "hello" => "world" } }
                  } else if [bar] == "baz" {
                    mutate { add_field => { "fancy" => "pants" } }
                  } else {
                    mutate { add_field => { "free" => "hugs" } }
                  }
                }
                """;
        Event a = sample(conf, "{\"foo\":\"bar\",\"nest\":124}");
        assertThat(a.get("always")).isNull();
        assertThat(a.get("hello")).isNull();
        assertThat(a.get("free")).isNull();
        Event b = sample(conf, "{\"foo\":\"bar\",\"nest\":123}");
        assertThat(b.get("always")).isEqualTo("awesome");
        assertThat(b.get("hello")).isEqualTo("world");
        Event c = sample(conf, "{\"notfoo\":\"bar\",\"nest\":123}");
        assertThat(c.get("free")).isEqualTo("hugs");
        assertThat(c.get("hello")).isNull();
        Event d = sample(conf, "{\"bar\":\"baz\",\"nest\":123}");
        assertThat(d.get("fancy")).isEqualTo("pants");
        assertThat(d.get("free")).isNull();
    }

    @Test
    void comparingTwoFields() {
        assertThat(
                        sample(
                                        "if [foo] == [bar] { mutate { add_tag => woot } }",
                                        "{\"foo\":123,\"bar\":123}")
                                .tags())
                .contains("woot");
    }

    @Test
    void theInOperator() {
        Event e =
                sample(
                        """
                        if [foo] in [foobar] { mutate { add_tag => "field in field" } }
                        if [foo] in "foo" { mutate { add_tag => "field in string" } }
                        if "hello" in [greeting] { mutate { add_tag => "string in field" } }
                        if [foo] in ["hello", "world", "foo"] { mutate { add_tag => "field in list" } }
                        if [missing] in [alsomissing] { mutate { add_tag => "shouldnotexist" } }
                        if !("foo" in ["hello", "world"]) { mutate { add_tag => "shouldexist" } }
                        """,
                        "{\"foo\":\"foo\",\"foobar\":\"foobar\",\"greeting\":\"hello world\"}");
        assertThat(e.tags())
                .contains(
                        "field in field",
                        "field in string",
                        "string in field",
                        "field in list",
                        "shouldexist")
                .doesNotContain("shouldnotexist");
    }

    @Test
    void theNotInOperator() {
        Event e =
                sample(
                        """
                        if "foo" not in "baz" { mutate { add_tag => "baz" } }
                        if "foo" not in "foo" { mutate { add_tag => "foo" } }
                        if !("foo" not in "foo") { mutate { add_tag => "notfoo" } }
                        if "foo" not in [somelist] { mutate { add_tag => "notsomelist" } }
                        if "one" not in [somelist] { mutate { add_tag => "somelist" } }
                        if "foo" not in [alsomissing] { mutate { add_tag => "no string in missing field" } }
                        """,
                        "{\"foo\":\"foo\",\"somelist\":[\"one\",\"two\"],\"foobar\":\"foobar\","
                                + "\"greeting\":\"hello world\",\"tags\":[\"fancypantsy\"]}");
        assertThat(e.tags())
                .contains(
                        "fancypantsy", "baz", "notfoo", "notsomelist", "no string in missing field")
                .doesNotContain("foo", "somelist");
    }

    @Nested
    class Operators {
        @Test
        void stringComparisons() {
            assertThat(conditionalMessage("[message] == 'sample'", "sample")).contains("success");
            assertThat(conditionalMessage("[message] == 'sample'", "different"))
                    .contains("failure");
            assertThat(conditionalMessage("'sample' == [message]", "sample")).contains("success");
            assertThat(conditionalMessage("'sample' == [message]", "different"))
                    .contains("failure");
            assertThat(conditionalMessage("'value' == 'value'", "sample")).contains("success");
            assertThat(conditionalMessage("'value' == 'other'", "sample")).contains("failure");
            assertThat(conditionalMessage("[message] != 'sample'", "sample")).contains("failure");
            assertThat(conditionalMessage("[message] != 'sample'", "different"))
                    .contains("success");
            assertThat(conditionalMessage("[message] < 'sample'", "apple")).contains("success");
            assertThat(conditionalMessage("[message] < 'sample'", "zebra")).contains("failure");
            assertThat(conditionalMessage("[message] > 'sample'", "zebra")).contains("success");
            assertThat(conditionalMessage("[message] > 'sample'", "apple")).contains("failure");
            assertThat(conditionalMessage("[message] <= 'sample'", "apple")).contains("success");
            assertThat(conditionalMessage("[message] <= 'sample'", "zebra")).contains("failure");
            assertThat(conditionalMessage("[message] <= 'sample'", "sample")).contains("success");
            assertThat(conditionalMessage("[message] >= 'sample'", "zebra")).contains("success");
            assertThat(conditionalMessage("[message] >= 'sample'", "sample")).contains("success");
            assertThat(conditionalMessage("[message] >= 'sample'", "apple")).contains("failure");
        }

        @Test
        void numberComparisons() {
            assertThat(conditional("[message] == 5", "{\"message\":5}")).contains("success");
            assertThat(conditional("[message] == 5", "{\"message\":3}")).contains("failure");
            assertThat(conditional("5 == [message]", "{\"message\":5}")).contains("success");
            assertThat(conditional("5 == [message]", "{\"message\":3}")).contains("failure");
            assertThat(conditional("7 == 7", "{\"message\":3}")).contains("success");
            assertThat(conditional("5 == 7", "{\"message\":3}")).contains("failure");
            assertThat(conditional("[message] != 5", "{\"message\":5}")).contains("failure");
            assertThat(conditional("[message] != 5", "{\"message\":3}")).contains("success");
            assertThat(conditional("[message] < 5", "{\"message\":3}")).contains("success");
            assertThat(conditional("[message] < 5", "{\"message\":5}")).contains("failure");
            assertThat(conditional("[message] < 5", "{\"message\":9}")).contains("failure");
            assertThat(conditional("[message] > 5", "{\"message\":9}")).contains("success");
            assertThat(conditional("[message] > 5", "{\"message\":5}")).contains("failure");
            assertThat(conditional("[message] > 5", "{\"message\":4}")).contains("failure");
            assertThat(conditional("[message] <= 5", "{\"message\":9}")).contains("failure");
            assertThat(conditional("[message] <= 5", "{\"message\":5}")).contains("success");
            assertThat(conditional("[message] <= 5", "{\"message\":3}")).contains("success");
            assertThat(conditional("[message] >= 5", "{\"message\":5}")).contains("success");
            assertThat(conditional("[message] >= 5", "{\"message\":7}")).contains("success");
            assertThat(conditional("[message] >= 5", "{\"message\":3}")).contains("failure");
        }

        @Test
        void regexes() {
            assertThat(conditionalMessage("[message] =~ /sample/", "apple")).contains("failure");
            assertThat(conditionalMessage("[message] =~ /sample/", "sample")).contains("success");
            assertThat(conditionalMessage("[message] =~ /sample/", "some sample"))
                    .contains("success");
            assertThat(conditionalMessage("[message] !~ /sample/", "apple")).contains("success");
            assertThat(conditionalMessage("[message] !~ /sample/", "sample")).contains("failure");
            assertThat(conditionalMessage("[message] !~ /sample/", "some sample"))
                    .contains("failure");
        }
    }

    @Test
    void negatedExpressions() {
        assertThat(conditionalMessage("!([message] == 'sample')", "sample"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] == 'sample')", "different"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] != 'sample')", "sample"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] != 'sample')", "different"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] < 'sample')", "apple"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] < 'sample')", "zebra"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] > 'sample')", "zebra"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] > 'sample')", "apple"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] <= 'sample')", "apple"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] <= 'sample')", "zebra"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] <= 'sample')", "sample"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] >= 'sample')", "zebra"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] >= 'sample')", "sample"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] >= 'sample')", "apple"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] =~ /sample/)", "apple"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] =~ /sample/)", "sample"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] =~ /sample/)", "some sample"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] !~ /sample/)", "apple"))
                .doesNotContain("success");
        assertThat(conditionalMessage("!([message] !~ /sample/)", "sample"))
                .doesNotContain("failure");
        assertThat(conditionalMessage("!([message] !~ /sample/)", "some sample"))
                .doesNotContain("failure");
    }

    @Test
    void valueAsAnExpression() {
        for (String m : List.of("apple", "sample", "some sample")) {
            assertThat(conditionalMessage("[message]", m)).contains("success");
            assertThat(conditionalMessage("[missing]", m)).contains("failure");
        }
    }

    @Test
    void logicOperators() {
        String[][] cases = {
            {"[message] and [message]", "success"},
            {"[message] and ![message]", "failure"},
            {"![message] and [message]", "failure"},
            {"![message] and ![message]", "failure"},
            {"[message] nand [message]", "failure"},
            {"[message] nand ![message]", "success"},
            {"![message] nand [message]", "success"},
            {"![message] nand ![message]", "success"},
            {"[message] xor [message]", "failure"},
            {"[message] xor ![message]", "success"},
            {"![message] xor [message]", "success"},
            {"![message] xor ![message]", "failure"},
            {"[message] or [message]", "success"},
            {"[message] or ![message]", "success"},
            {"![message] or [message]", "success"},
            {"![message] or ![message]", "failure"},
        };
        for (String[] c : cases) {
            assertThat(conditionalMessage(c[0], "whatever")).as(c[0]).contains(c[1]);
        }
    }

    @Test
    void fieldReferencesWithSpaces() {
        assertThat(conditional("[field with space]", "{\"field with space\":\"hurray\"}"))
                .contains("success");
        assertThat(
                        conditional(
                                "[field with space] == 'hurray'",
                                "{\"field with space\":\"hurray\"}"))
                .contains("success");
        assertThat(
                        conditional(
                                "[nested field][reference with][some spaces] == 'hurray'",
                                "{\"nested field\":{\"reference with\":{\"some spaces\":\"hurray\"}}}"))
                .contains("success");
    }

    @Test
    void complexCase() {
        String conf =
                """
                if ("foo" in [tags]) {
                  mutate { id => addbar add_tag => bar }
                  if ("bar" in [tags]) {
                    mutate { id => addbaz  add_tag => baz }
                  }
                  if ("baz" in [tags]) {
                    mutate { id => addbot add_tag => bot }
                    if ("bot" in [tags]) {
                      mutate { id => addbonk add_tag => bonk }
                    }
                  }
                }
                if ("bot" in [tags]) {
                  mutate { id => addwat add_tag => wat }
                }
                mutate { id => addprev add_tag => prev }
                mutate { id => addfinal add_tag => final }
                """;
        assertThat(sample(conf, "{\"tags\":[\"bot\"]}").tags())
                .containsExactly("bot", "wat", "prev", "final");
        assertThat(sample(conf, "{\"tags\":[\"foo\"]}").tags())
                .containsExactly("foo", "bar", "baz", "bot", "bonk", "wat", "prev", "final");
        assertThat(sample(conf, "{\"type\":\"original\"}").tags()).containsExactly("prev", "final");
    }

    /**
     * Issue 11 cause 3: {@code [a] > 100} on a string, a missing field, an array. Logstash 8.16+
     * (ConditionalEvaluationError) sends such an event down neither branch: it leaves the pipeline
     * and a warning is logged; the pipeline goes on with the next event.
     */
    @Nested
    class ComparisonsThatCannotBeEvaluated {
        final SpecPipeline p =
                SpecPipeline.of(
                        """
                        if [a] > 100 { mutate { add_tag => "big" } } else { mutate { add_tag => "small" } }
                        mutate { add_tag => "after" }
                        """);

        @Test
        void numbersAreCompared() {
            assertThat(p.run(SpecPipeline.json("{\"a\":101}")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.tags()).containsExactly("big", "after"));
            assertThat(p.run(SpecPipeline.json("{\"a\":7.5}")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.tags()).containsExactly("small", "after"));
        }

        @Test
        void aStringAMissingFieldAnArrayOrAHashTakeNeitherBranch() {
            for (String json :
                    List.of(
                            "{\"a\":\"101\"}",
                            "{}",
                            "{\"a\":null}",
                            "{\"a\":[101,102]}",
                            "{\"a\":{\"b\":1}}",
                            "{\"a\":true}")) {
                assertThat(p.run(SpecPipeline.json(json))).as(json).isEmpty();
            }
            // and the next event goes through
            assertThat(p.run(SpecPipeline.json("{\"a\":1}"))).hasSize(1);
        }

        @Test
        void negationDoesNotMakeItEvaluable() {
            SpecPipeline n = SpecPipeline.of("if !([a] > 100) { mutate { add_tag => \"x\" } }");
            assertThat(n.run(SpecPipeline.json("{\"a\":\"abc\"}"))).isEmpty();
        }

        @Test
        void aGuardedComparisonIsSafe() {
            SpecPipeline g =
                    SpecPipeline.of(
                            "if [a] and [a] > 100 { mutate { add_tag => \"big\" } } else { mutate { add_tag => \"other\" } }");
            assertThat(g.one(SpecPipeline.json("{}")).tags()).containsExactly("other");
        }

        @Test
        void equalityAndInNeverFail() {
            SpecPipeline q =
                    SpecPipeline.of(
                            "if [a] == 100 or 100 in [a] or [a] =~ /1/ { mutate { add_tag => \"yes\" } } else { mutate { add_tag => \"no\" } }");
            assertThat(q.one(SpecPipeline.json("{\"a\":[100]}")).tags()).containsExactly("yes");
            assertThat(q.one(SpecPipeline.json("{}")).tags()).containsExactly("no");
        }
    }
}
