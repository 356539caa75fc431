package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples of logstash-filter-mutate's {@code mutate_spec.rb} (strict conversions, v3.5+ on
 * Logstash 8.14+), each run as a pipeline {@code filter { mutate { ... } }} over the spec's event.
 */
class MutateSpecTest {

    static Event sample(String config, String json) {
        return SpecPipeline.of(config).sampleJson(json);
    }

    static List<Object> list(Object... items) {
        return Arrays.asList(items);
    }

    @Nested
    class WhenAnOperationWouldCauseAnError {
        @Test
        void aBadAddFieldNameTagsMutateError() {
            Event e =
                    sample(
                            "mutate { add_field => { \"[[][[[[]message\" => \"nope\" } }",
                            "{\"message\":\"foo\"}");
            assertThat(e.tags()).contains("_mutate_error");
        }

        @Test
        void withTagOnFailure() {
            Event e =
                    sample(
                            "mutate { add_field => { \"[[][[[[]message\" => \"nope\" }"
                                    + " tag_on_failure => \"my_custom_tag\" }",
                            "{\"message\":\"foo\"}");
            assertThat(e.tags()).contains("my_custom_tag").doesNotContain("_mutate_error");
        }

        @Test
        void aValueThatDoesNotConvertTagsAndSkipsTheRest() {
            Event e =
                    sample(
                            "mutate { convert => { \"a\" => \"integer\" } uppercase => [\"b\"]"
                                    + " add_tag => \"done\" tag_on_failure => \"bad\" }",
                            "{\"a\":\"not a number\",\"b\":\"x\"}");
            assertThat(e.tags()).containsExactly("bad");
            assertThat(e.get("a")).isEqualTo("not a number");
            assertThat(e.get("b")).isEqualTo("x");
        }
    }

    @Nested
    class CaseOfArrays {
        @Test
        void uppercaseOnlyStringElements() {
            assertThat(
                            sample(
                                            "mutate { uppercase => [\"array_of\"] }",
                                            "{\"array_of\":[\"a\",2,\"C\"]}")
                                    .get("array_of"))
                    .isEqualTo(list("A", 2L, "C"));
        }

        @Test
        void capitalizeOnlyStringElements() {
            assertThat(
                            sample(
                                            "mutate { capitalize => [\"array_of\"] }",
                                            "{\"array_of\":[\"ab\",2,\"CDE\"]}")
                                    .get("array_of"))
                    .isEqualTo(list("Ab", 2L, "Cde"));
        }

        @Test
        void lowercaseOnlyStringElements() {
            assertThat(
                            sample(
                                            "mutate { lowercase => [\"array_of\"] }",
                                            "{\"array_of\":[\"a\",2,\"C\"]}")
                                    .get("array_of"))
                    .isEqualTo(list("a", 2L, "c"));
        }

        @Test
        void aMissingFieldIsNotCreated() {
            for (String op : List.of("lowercase", "uppercase", "capitalize")) {
                Event e = sample("mutate { " + op + " => [\"fake_field\"] }", "{}");
                assertThat(e.includes("fake_field")).as(op).isFalse();
            }
        }

        @Test
        void multibyteUnicode() {
            Event e =
                    sample(
                            "mutate { lowercase => [\"lowerme\"] uppercase => [\"upperme\"]"
                                    + " capitalize => [\"capitalizeme\"] }",
                            "{\"lowerme\":[\"АБВГД\\u0000MMM\",\"こにちわ\",\"XyZółć\",\"NÎcË GÛŸ\"],"
                                    + "\"upperme\":[\"аБвгд\\u0000mmm\",\"こにちわ\",\"xYzółć\",\"Nîcë gûÿ\"],"
                                    + "\"capitalizeme\":[\"АБВГД\\u0000mmm\",\"こにちわ\",\"xyzółć\",\"nÎcË gÛŸ\"]}");
            assertThat(e.get("lowerme"))
                    .isEqualTo(list("абвгд\0mmm", "こにちわ", "xyzółć", "nîcë gûÿ"));
            assertThat(e.get("upperme"))
                    .isEqualTo(list("АБВГД\0MMM", "こにちわ", "XYZÓŁĆ", "NÎCË GÛŸ"));
            assertThat(e.get("capitalizeme"))
                    .isEqualTo(list("Абвгд\0mmm", "こにちわ", "Xyzółć", "Nîcë gûÿ"));
        }
    }

    @Nested
    class StripSplitCopy {
        @Test
        void strip() {
            assertThat(
                            sample("mutate { strip => [\"path\"] }", "{\"path\":\" /store.php \"}")
                                    .get("path"))
                    .isEqualTo("/store.php");
            Event e =
                    sample(
                            "mutate { strip => [\"foo\", \"bar\"] }",
                            "{\"foo\":\" /bar.php \",\"bar\":\" foo\"}");
            assertThat(e.get("foo")).isEqualTo("/bar.php");
            assertThat(e.get("bar")).isEqualTo("foo");
        }

        @Test
        void splitAString() {
            String conf = "mutate { split => { \"field\" => \",\" } }";
            assertThat(sample(conf, "{\"field\":\"foo,bar,baz\"}").get("field"))
                    .isEqualTo(list("foo", "bar", "baz"));
            assertThat(sample(conf, "{\"field\":\"foo\"}").get("field")).isEqualTo(list("foo"));
            assertThat(sample(conf, "{\"field\":\"foo,\"}").get("field")).isEqualTo(list("foo"));
        }

        @Test
        void splitLeavesNonStrings() {
            String conf = "mutate { split => { \"field\" => \",\" } }";
            assertThat(sample(conf, "{\"field\":null}").get("field")).isNull();
            assertThat(sample(conf, "{\"field\":[\"foo\",\"bar\"]}").get("field"))
                    .isEqualTo(list("foo", "bar"));
            assertThat(sample(conf, "{\"field\":{\"foo\":\"bar,baz\"}}").get("field"))
                    .isEqualTo(Map.of("foo", "bar,baz"));
        }

        @Test
        void copyIsDeep() {
            String conf = "mutate { copy => { \"field\" => \"target\" } }";
            Event s = sample(conf, "{\"field\":\"foobar\"}");
            assertThat(s.get("target")).isEqualTo("foobar");

            Event a = sample(conf, "{\"field\":[\"foo\",\"bar\"]}");
            assertThat(a.get("target")).isEqualTo(a.get("field"));
            a.set("[field][2]", "baz");
            assertThat(a.get("target")).isEqualTo(list("foo", "bar"));

            Event h = sample(conf, "{\"field\":{\"foo\":\"bar\"}}");
            h.set("[field][foo]", "baz");
            assertThat(h.get("[target][foo]")).isEqualTo("bar");
        }
    }

    @Nested
    class ConfigValidation {
        @Test
        void invalidConvertType() {
            assertThatThrownBy(
                            () -> SpecPipeline.of("mutate { convert => [ \"message\", \"int\"] }"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Invalid conversion type");
        }

        @Test
        void invalidGsubTriad() {
            assertThatThrownBy(
                            () ->
                                    SpecPipeline.of(
                                            "mutate { gsub => [ \"message\", \"toreplace\"] }"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("Invalid gsub configuration");
        }
    }

    @Test
    void basics() {
        Event e =
                sample(
                        """
                        mutate {
                          lowercase => ["lowerme","Lowerme", "lowerMe"]
                          uppercase => ["upperme", "Upperme", "upperMe"]
                          capitalize => ["capitalizeme", "Capitalizeme", "capitalizeMe"]
                          convert => [ "intme", "integer", "floatme", "float" ]
                          rename => [ "rename1", "rename2" ]
                          replace => [ "replaceme", "hello world" ]
                          replace => [ "newfield", "newnew" ]
                          update => [ "nosuchfield", "weee" ]
                          update => [ "updateme", "updated" ]
                        }
                        """,
                        """
                        {"lowerme":"example","upperme":"EXAMPLE","capitalizeme":"Example",
                         "Lowerme":"ExAmPlE","Upperme":"ExAmPlE","Capitalizeme":"ExAmPlE",
                         "lowerMe":["ExAmPlE","example"],"upperMe":["ExAmPlE","EXAMPLE"],
                         "capitalizeMe":["ExAmPlE","Example"],"intme":["1234","7890.4","7.9"],
                         "floatme":["1234.455"],"rename1":["hello world"],
                         "updateme":["who cares"],"replaceme":["who cares"]}
                        """);
        assertThat(e.get("lowerme")).isEqualTo("example");
        assertThat(e.get("upperme")).isEqualTo("EXAMPLE");
        assertThat(e.get("capitalizeme")).isEqualTo("Example");
        assertThat(e.get("Lowerme")).isEqualTo("example");
        assertThat(e.get("Upperme")).isEqualTo("EXAMPLE");
        assertThat(e.get("Capitalizeme")).isEqualTo("Example");
        assertThat(e.get("lowerMe")).isEqualTo(list("example", "example"));
        assertThat(e.get("upperMe")).isEqualTo(list("EXAMPLE", "EXAMPLE"));
        assertThat(e.get("capitalizeMe")).isEqualTo(list("Example", "Example"));
        assertThat(e.get("intme")).isEqualTo(list(1234L, 7890L, 7L));
        assertThat(e.get("floatme")).isEqualTo(list(1234.455));
        assertThat(e.includes("rename1")).isFalse();
        assertThat(e.get("rename2")).isEqualTo(list("hello world"));
        assertThat(e.get("newfield")).isEqualTo("newnew");
        assertThat(e.includes("nosuchfield")).isFalse();
        assertThat(e.get("updateme")).isEqualTo("updated");
        assertThat(e.get("replaceme")).isEqualTo("hello world");
    }

    @Test
    void convertOneFieldToString() {
        assertThat(
                        sample(
                                        "mutate { convert => [ \"unicorns\", \"string\" ] }",
                                        "{\"unicorns\":1234}")
                                .get("unicorns"))
                .isEqualTo("1234");
    }

    @Test
    void convertStringsToBooleanValues() {
        String[][] cases = {
            {"true_field", "\"true\"", "true"},
            {"false_field", "\"false\"", "false"},
            {"true_upper", "\"True\"", "true"},
            {"false_upper", "\"False\"", "false"},
            {"true_one", "\"1\"", "true"},
            {"false_zero", "\"0\"", "false"},
            {"true_yes", "\"yes\"", "true"},
            {"false_no", "\"no\"", "false"},
            {"true_y", "\"Y\"", "true"},
            {"false_n", "\"N\"", "false"},
            {"wrong_field", "\"none of the above\"", "\"none of the above\""},
            {"integer_false", "0", "false"},
            {"integer_true", "1", "true"},
            {"integer_negative", "-1", "-1"},
            {"integer_wrong", "2", "2"},
            {"float_true", "1.0", "true"},
            {"float_false", "0.0", "false"},
            {"float_negative", "-1.0", "-1.0"},
            {"float_wrong", "1.0123", "1.0123"},
            {"float_wrong2", "0.01", "0.01"},
            {"array", "[\"1\",\"0\",0,1,2]", "[true,false,false,true,2]"},
            {"hash", "{\"a\":0}", "{\"a\":0}"},
        };
        StringBuilder conf = new StringBuilder("mutate {\n");
        StringBuilder in = new StringBuilder("{");
        StringBuilder expected = new StringBuilder("{");
        for (String[] c : cases) {
            conf.append("convert => { \"").append(c[0]).append("\" => \"boolean\" }\n");
            in.append(in.length() > 1 ? "," : "")
                    .append('"')
                    .append(c[0])
                    .append("\":")
                    .append(c[1]);
            expected.append(expected.length() > 1 ? "," : "")
                    .append('"')
                    .append(c[0])
                    .append("\":")
                    .append(c[2]);
        }
        Event e = sample(conf.append("}").toString(), in.append("}").toString());
        Event want = SpecPipeline.of("").sampleJson(expected.append("}").toString());
        for (String[] c : cases) {
            assertThat(e.get(c[0])).as(c[0]).isEqualTo(want.get(c[0]));
        }
    }

    @Nested
    class ConvertToFloat {
        final String conf = "mutate { convert => { \"field\" => \"float\" } }";

        double f(String json) {
            return (Double) sample(conf, "{\"field\":" + json + "}").get("field");
        }

        @Test
        void examples() {
            assertThat(f("\"3141.5926\"")).isCloseTo(3141.5926, within(0.0001));
            assertThat(f("\"3,141.5926\"")).isCloseTo(3141.5926, within(0.0001));
            assertThat(f("\"3,141\"")).isCloseTo(3141.0, within(0.0001));
            assertThat(f("\"3141\"")).isCloseTo(3141.0, within(0.0001));
            assertThat(f("3.1415926")).isCloseTo(3.1415926, within(0.000001));
            assertThat(f("3")).isCloseTo(3, within(0.000001));
            assertThat(f("true")).isEqualTo(1.0);
            assertThat(f("false")).isEqualTo(0.0);
            assertThat(sample(conf, "{\"field\":null}").get("field")).isNull();
            assertThat(sample(conf, "{}").includes("field")).isFalse();
        }

        @Test
        void eu() {
            String eu = "mutate { convert => { \"field\" => \"float_eu\" } }";
            java.util.function.Function<String, Object> f =
                    json -> sample(eu, "{\"field\":" + json + "}").get("field");
            assertThat((Double) f.apply("\"3141,5926\"")).isCloseTo(3141.5926, within(0.0001));
            assertThat((Double) f.apply("\"3.141,5926\"")).isCloseTo(3141.5926, within(0.0001));
            assertThat((Double) f.apply("\"3.141\"")).isCloseTo(3141.0, within(0.0001));
            assertThat((Double) f.apply("\"3141\"")).isCloseTo(3141.0, within(0.0001));
            assertThat((Double) f.apply("3.1415926")).isCloseTo(3.1415926, within(0.000001));
            assertThat((Double) f.apply("3")).isCloseTo(3, within(0.000001));
            assertThat(f.apply("true")).isEqualTo(1.0);
            assertThat(f.apply("false")).isEqualTo(0.0);
            assertThat(f.apply("null")).isNull();
        }
    }

    @Nested
    class Gsub {
        @Test
        void onAString() {
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"unicorns\", \"but extinct\", \"and common\" ] }",
                                            "{\"unicorns\":\"Magnificient, but extinct, animals\"}")
                                    .get("unicorns"))
                    .isEqualTo("Magnificient, and common, animals");
        }

        @Test
        void onAnArrayOfStrings() {
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"unicorns\", \"extinct\", \"common\" ] }",
                                            "{\"unicorns\":[\"Magnificient extinct animals\",\"Other extinct ideas\"]}")
                                    .get("unicorns"))
                    .isEqualTo(list("Magnificient common animals", "Other common ideas"));
        }

        @Test
        void onMultipleFields() {
            Event e =
                    sample(
                            "mutate { gsub => [ \"colors\", \"red\", \"blue\", \"shapes\", \"square\", \"circle\" ] }",
                            "{\"colors\":\"One red car\",\"shapes\":\"Four red squares\"}");
            assertThat(e.get("colors")).isEqualTo("One blue car");
            assertThat(e.get("shapes")).isEqualTo("Four red circles");
        }

        @Test
        void regularExpression() {
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"colors\", \"\\d$\", \"blue\"] }",
                                            "{\"colors\":\"red3\"}")
                                    .get("colors"))
                    .isEqualTo("redblue");
        }

        @Test
        void dynamicFieldsInPatternAndReplacement() {
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"unicorns\", \"of type %{unicorn_type}\", \"green\" ] }",
                                            "{\"unicorns\":\"Unicorns of type blue are common\",\"unicorn_type\":\"blue\"}")
                                    .get("unicorns"))
                    .isEqualTo("Unicorns green are common");
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"unicorns2\", \"of type %{unicorn_color}\", \"%{unicorn_color} and green\" ] }",
                                            "{\"unicorns2\":\"Unicorns of type blue are common\",\"unicorn_color\":\"blue\"}")
                                    .get("unicorns2"))
                    .isEqualTo("Unicorns blue and green are common");
            assertThat(
                            sample(
                                            "mutate { gsub => [ \"unicorns_array\", \"of type %{color}\", \"blue and green\" ] }",
                                            "{\"unicorns_array\":[\"Unicorns of type blue are found in Alaska\","
                                                    + "\"Unicorns of type blue are extinct\"],\"color\":\"blue\"}")
                                    .get("unicorns_array"))
                    .isEqualTo(
                            list(
                                    "Unicorns blue and green are found in Alaska",
                                    "Unicorns blue and green are extinct"));
        }
    }

    @Test
    void lowercaseAFieldCreatedByGrok() {
        Event e =
                SpecPipeline.of(
                                "grok { match => { \"message\" => \"%{WORD:foo}\" } }"
                                        + " mutate { lowercase => \"foo\" }")
                        .sample("HELLO WORLD");
        assertThat(e.get("foo")).isEqualTo("hello");
    }

    @Nested
    class Rename {
        @Test
        void missingFieldDoesNothing() {
            Event e =
                    SpecPipeline.of("mutate { rename => [ \"nosuchfield\", \"hello\" ] }")
                            .sample("whatever");
            assertThat(e.includes("nosuchfield")).isFalse();
            assertThat(e.includes("hello")).isFalse();
        }

        @Test
        void dynamicOrigin() {
            Event e =
                    sample(
                            "mutate { rename => [ \"field_%{x}\", \"destination\" ] }",
                            "{\"field_one\":\"value\",\"x\":\"one\"}");
            assertThat(e.includes("field_one")).isFalse();
            assertThat(e.includes("destination")).isTrue();
        }

        @Test
        void dynamicDestination() {
            Event e =
                    sample(
                            "mutate { rename => [ \"origin\", \"field_%{x}\" ] }",
                            "{\"origin\":\"value\",\"x\":\"one\"}");
            assertThat(e.includes("origin")).isFalse();
            assertThat(e.includes("field_one")).isTrue();
        }
    }

    @Nested
    class ConvertThroughReferences {
        @Test
        void nestedFields() {
            assertThat(
                            sample(
                                            "mutate { convert => [ \"[foo][bar]\", \"integer\" ] }",
                                            "{\"foo\":{\"bar\":\"1000\"}}")
                                    .get("[foo][bar]"))
                    .isEqualTo(1000L);
        }

        @Test
        void withinArrays() {
            Event e =
                    sample(
                            "mutate { convert => [ \"[foo][0]\", \"integer\" ] }",
                            "{\"foo\":[\"100\",\"200\"]}");
            assertThat(e.get("foo")).isEqualTo(list(100L, "200"));
        }

        @Test
        void booleansToInteger() {
            Event e =
                    sample(
                            """
                            mutate { convert => { "[foo][0]" => "integer" "[foo][1]" => "integer"
                              "[foo][2]" => "integer" "[foo][3]" => "integer" "[foo][4]" => "integer" } }
                            """,
                            "{\"foo\":[false,true,\"0\",\"1\",\"2\"]}");
            assertThat(e.get("foo")).isEqualTo(list(0L, 1L, 0L, 1L, 2L));
        }

        @Test
        void usUkStrings() {
            String in = "{\"foo\":[\"1,000\",\"1,234,567.8\",\"123.4\"]}";
            assertThat(sample(convert3("integer"), in).get("foo"))
                    .isEqualTo(list(1000L, 1234567L, 123L));
            assertThat(sample(convert3("float"), in).get("foo"))
                    .isEqualTo(list(1000.0, 1234567.8, 123.4));
        }

        @Test
        void euStrings() {
            String in = "{\"foo\":[\"1.000\",\"1.234.567,8\",\"123,4\"]}";
            assertThat(sample(convert3("integer_eu"), in).get("foo"))
                    .isEqualTo(list(1000L, 1234567L, 123L));
            assertThat(sample(convert3("float_eu"), in).get("foo"))
                    .isEqualTo(list(1000.0, 1234567.8, 123.4));
        }

        private String convert3(String type) {
            return "mutate { convert => { \"[foo][0]\" => \"%s\" \"[foo][1]\" => \"%s\" \"[foo][2]\" => \"%s\" } }"
                    .formatted(type, type, type);
        }
    }

    @Test
    void convertBooleansToString() {
        Event e =
                sample(
                        "mutate { convert => { \"true_field\" => \"string\" \"false_field\" => \"string\" } }",
                        "{\"true_field\":true,\"false_field\":false}");
        assertThat(e.get("true_field")).isEqualTo("true");
        assertThat(e.get("false_field")).isEqualTo("false");
    }

    @Nested
    class Merge {
        final String conf = "mutate { merge => [ \"list\", \"foo\" ] }";

        @Test
        void examples() {
            Event a = sample(conf, "{\"foo\":\"bar\"}");
            assertThat(a.get("list")).isEqualTo(list("bar"));
            assertThat(a.get("foo")).isEqualTo("bar");
            assertThat(sample(conf, "{\"foo\":\"bar\",\"list\":[]}").get("list"))
                    .isEqualTo(list("bar"));
            assertThat(sample(conf, "{\"foo\":\"bar\",\"list\":[\"baz\"]}").get("list"))
                    .isEqualTo(list("baz", "bar"));
            Event d = sample(conf, "{\"foo\":[\"bar\"],\"list\":[\"baz\"]}");
            assertThat(d.get("list")).isEqualTo(list("baz", "bar"));
            assertThat(d.get("foo")).isEqualTo(list("bar"));
            Event e = sample(conf, "{\"foo\":[],\"list\":[\"baz\"]}");
            assertThat(e.get("list")).isEqualTo(list("baz"));
            assertThat(e.get("foo")).isEqualTo(list());
            assertThat(sample(conf, "{\"foo\":[\"bar\"],\"list\":\"baz\"}").get("list"))
                    .isEqualTo(list("baz", "bar"));
            Event g = sample(conf, "{\"foo\":\"bar\",\"list\":\"baz\"}");
            assertThat(g.get("list")).isEqualTo(list("baz", "bar"));
            assertThat(g.get("foo")).isEqualTo("bar");
        }
    }

    @Test
    void coerceNullsWithDefaults() {
        Event e =
                sample(
                        "mutate { coerce => { \"field1\" => \"Hello\" \"field2\" => \"Bye\" \"field3\" => 5 \"field4\" => false } }",
                        "{\"field1\":null,\"field2\":null,\"field3\":null,\"field4\":true}");
        assertThat(e.get("field1")).isEqualTo("Hello");
        assertThat(e.get("field2")).isEqualTo("Bye");
        assertThat(e.get("field3")).isEqualTo("5");
        assertThat(e.get("field4")).isEqualTo(true);
    }

    /** "convert makes type conversions": each input of the spec and what it becomes. */
    @Nested
    class TypeConversions {
        Object convert(String type, String json) {
            return sample(
                            "mutate { convert => { \"a\" => \"" + type + "\" } }",
                            "{\"a\":" + json + "}")
                    .get("a");
        }

        @Test
        void toString_() {
            String[][] cases = {
                {"123", "123"},
                {"123.0", "123.0"},
                {"\"123\"", "123"},
                {"\"0x7b\"", "0x7b"},
                {"\"123.0\"", "123.0"},
                {"\"1.230000e+02\"", "1.230000e+02"},
                {"123.45", "123.45"},
                {"\"123.45\"", "123.45"},
                {"\"1.234500e+02\"", "1.234500e+02"},
                {"\"0x1.edcdp6\"", "0x1.edcdp6"},
                {"16777217", "16777217"},
                {"1.6777217E7", "16777217.0"},
                {"\"16777217\"", "16777217"},
                {"\"16777217.0\"", "16777217.0"},
                {"2147483648", "2147483648"},
                {"2.147483648E9", "2147483648.0"},
                {"\"2147483648\"", "2147483648"},
                {"\"2147483648.0\"", "2147483648.0"},
                {"9007199254740993", "9007199254740993"},
                {"\"9007199254740993\"", "9007199254740993"},
                {"\"9007199254740993.0\"", "9007199254740993.0"},
                {"\"9223372036854775808\"", "9223372036854775808"},
                {"\"9223372036854775808.0\"", "9223372036854775808.0"},
                {
                    "\"680564693277057720000000000000000000000\"",
                    "680564693277057720000000000000000000000"
                },
                {
                    "\"680564693277057720000000000000000000000.0\"",
                    "680564693277057720000000000000000000000.0"
                },
            };
            for (String[] c : cases) {
                assertThat(convert("string", c[0])).as(c[0]).isEqualTo(c[1]);
            }
        }

        @Test
        void toInteger() {
            Object[][] cases = {
                {"123", 123L},
                {"123.0", 123L},
                {"\"123\"", 123L},
                {"\"0x7b\"", 123L},
                {"\"123.0\"", 123L},
                {"\"1.230000e+02\"", 123L},
                {"123.45", 123L},
                {"\"123.45\"", 123L},
                {"\"1.234500e+02\"", 123L},
                {"\"0x1.edcdp6\"", 123L},
                {"-123.45", -123L},
                {"\"-123.45\"", -123L},
                {"\"-1.234500e+02\"", -123L},
                {"\"-0x1.edcdp6\"", -123L},
                {"16777217", 16777217L},
                {"1.6777217E7", 16777217L},
                {"\"16777217\"", 16777217L},
                {"\"16777217.0\"", 16777217L},
                {"2147483648", 2147483648L},
                {"2.147483648E9", 2147483648L},
                {"\"2147483648\"", 2147483648L},
                {"\"2147483648.0\"", 2147483648L},
                {"9007199254740993", 9007199254740993L},
                {"\"9007199254740993\"", 9007199254740993L},
                {"\"9007199254740993.0\"", 9007199254740993L},
                {"\"9.007199254740993e+15\"", 9007199254740993L},
                {"\"9223372036854775808\"", new BigInteger("9223372036854775808")},
                {"\"9223372036854775808.0\"", new BigInteger("9223372036854775808")},
                {
                    "\"680564693277057720000000000000000000000\"",
                    new BigInteger("680564693277057720000000000000000000000")
                },
                {
                    "\"680564693277057720000000000000000000000.0\"",
                    new BigInteger("680564693277057720000000000000000000000")
                },
            };
            for (Object[] c : cases) {
                assertThat(convert("integer", (String) c[0])).as((String) c[0]).isEqualTo(c[1]);
            }
        }

        @Test
        void toFloat() {
            Object[][] cases = {
                {"123", 123.0},
                {"123.0", 123.0},
                {"\"123\"", 123.0},
                {"\"0x7b\"", 123.0},
                {"\"123.0\"", 123.0},
                {"\"1.230000e+02\"", 123.0},
                {"123.45", 123.45},
                {"\"123.45\"", 123.45},
                {"\"1.234500e+02\"", 123.45},
                {"\"0x1.edcdp6\"", 123.4501953125},
                {"-123.45", -123.45},
                {"\"-123.45\"", -123.45},
                {"\"-1.234500e+02\"", -123.45},
                {"\"-0x1.edcdp6\"", -123.4501953125},
                {"16777217", 1.6777217E7},
                {"1.6777217E7", 1.6777217E7},
                {"\"16777217\"", 1.6777217E7},
                {"\"16777217.0\"", 1.6777217E7},
                {"2147483648", 2.147483648E9},
                {"2.147483648E9", 2.147483648E9},
                {"\"2147483648\"", 2.147483648E9},
                {"\"2147483648.0\"", 2.147483648E9},
                {"9007199254740993", 9.007199254740992E15},
                {"\"9007199254740993\"", 9.007199254740992E15},
                {"\"9007199254740993.0\"", 9.007199254740992E15},
                {"\"9.007199254740993e+15\"", 9007199254740992.0},
                {"\"9223372036854775808\"", 9.223372036854775808E18},
                {"\"9223372036854775808.0\"", 9.223372036854775808E18},
                {"\"680564693277057720000000000000000000000\"", 6.805646932770577e+38},
                {"\"680564693277057720000000000000000000000.0\"", 6.805646932770577e+38},
            };
            for (Object[] c : cases) {
                assertThat(convert("float", (String) c[0])).as((String) c[0]).isEqualTo(c[1]);
            }
        }

        @Test
        void bigIntegersFromJsonStayExact() {
            assertThat(convert("integer", "680564693277057720000000000000000000000"))
                    .isEqualTo(new BigInteger("680564693277057720000000000000000000000"));
            assertThat(convert("float", "9223372036854775808")).isEqualTo(9.223372036854775808E18);
            assertThat(convert("string", "9223372036854775808")).isEqualTo("9223372036854775808");
        }
    }

    /** parse_signed_hex_str, through convert to float. */
    @Test
    void signedHexStrings() {
        Object[][] cases = {
            {"0x1A", 26.0},
            {"-0x1A", -26.0},
            {"-0xFF", -255.0},
            {"0X1a", 26.0},
            {"0x1.8p+1", 3.0},
            {"-0x1.8p+1", -3.0},
            {"-0x1.2p+2", -4.5},
        };
        for (Object[] c : cases) {
            assertThat(
                            sample(
                                            "mutate { convert => { \"a\" => \"float\" } }",
                                            "{\"a\":\"" + c[0] + "\"}")
                                    .get("a"))
                    .as((String) c[0])
                    .isEqualTo(c[1]);
        }
        // not hex: a decimal stays a decimal, "0b1010" and "abc" do not convert
        Event bad = sample("mutate { convert => { \"a\" => \"float\" } }", "{\"a\":\"0b1010\"}");
        assertThat(bad.tags()).contains("_mutate_error");
    }
}
