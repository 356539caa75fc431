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
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples of logstash-filter-kv's kv_spec.rb, as pipelines. */
class KvFilterTest {
    private static final String ALL =
            "hello=world foo=bar baz=fizz doublequoted=\"hello world\" singlequoted='hello world'"
                    + " bracketsone=(hello world) bracketstwo=[hello world]"
                    + " bracketsthree=<hello world>";

    private static Event kv(String settings, String message) {
        return sample("kv { " + settings + " }", message);
    }

    private static Event kv(String settings, Event e) {
        return sample("kv { " + settings + " }", e);
    }

    private static void assertAllEight(Event e) {
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isEqualTo("fizz");
        assertThat(e.get("doublequoted")).isEqualTo("hello world");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");
        assertThat(e.get("bracketsone")).isEqualTo("hello world");
        assertThat(e.get("bracketstwo")).isEqualTo("hello world");
        assertThat(e.get("bracketsthree")).isEqualTo("hello world");
    }

    @Test
    void defaults() {
        assertAllEight(kv("", ALL));
    }

    @Test
    void transformKeysUpperValuesLower() {
        Event e =
                kv(
                        "transform_key => \"uppercase\" transform_value => \"lowercase\"",
                        "hello = world Foo =Bar BAZ= FIZZ doublequoteD = \"hellO worlD\""
                                + " Singlequoted= 'Hello World' brAckets =(hello World)");
        assertThat(e.get("HELLO")).isEqualTo("world");
        assertThat(e.get("FOO")).isEqualTo("bar");
        assertThat(e.get("BAZ")).isEqualTo("fizz");
        assertThat(e.get("DOUBLEQUOTED")).isEqualTo("hello world");
        assertThat(e.get("SINGLEQUOTED")).isEqualTo("hello world");
        assertThat(e.get("BRACKETS")).isEqualTo("hello world");
    }

    private static final String SLOPPY =
            "Hello = World fOo =bar baz= FIZZ DOUBLEQUOTED = \"hellO worlD\" singlequoted= 'hEllo"
                    + " wOrld' brackets =(HELLO world)";

    @Test
    void transformKeysLowerValuesUpper() {
        Event e = kv("transform_key => \"lowercase\" transform_value => \"uppercase\"", SLOPPY);
        assertThat(e.get("hello")).isEqualTo("WORLD");
        assertThat(e.get("foo")).isEqualTo("BAR");
        assertThat(e.get("baz")).isEqualTo("FIZZ");
        assertThat(e.get("doublequoted")).isEqualTo("HELLO WORLD");
        assertThat(e.get("singlequoted")).isEqualTo("HELLO WORLD");
        assertThat(e.get("brackets")).isEqualTo("HELLO WORLD");
    }

    @Test
    void transformCapitalize() {
        Event e = kv("transform_key => \"capitalize\" transform_value => \"capitalize\"", SLOPPY);
        assertThat(e.get("Hello")).isEqualTo("World");
        assertThat(e.get("Foo")).isEqualTo("Bar");
        assertThat(e.get("Baz")).isEqualTo("Fizz");
        assertThat(e.get("Doublequoted")).isEqualTo("Hello world");
        assertThat(e.get("Singlequoted")).isEqualTo("Hello world");
        assertThat(e.get("Brackets")).isEqualTo("Hello world");
    }

    @Test
    void whitespaceStrict() {
        Event e =
                kv(
                        "whitespace => strict",
                        "IN=eth0 OUT= MAC=0f:5f:5e:aa:d3:a2:21:ff:09:00:0f:e1:c8:17 SRC=192.168.0.1");
        assertThat(e.get("IN")).isEqualTo("eth0");
        assertThat(e.includes("OUT")).isFalse();
        assertThat(e.get("MAC")).isEqualTo("0f:5f:5e:aa:d3:a2:21:ff:09:00:0f:e1:c8:17");
        assertThat(e.get("SRC")).isEqualTo("192.168.0.1");

        e =
                kv(
                        "whitespace => strict",
                        "hello=world goodbye=cruel\\ world empty_quoted=\"\" quoted=\"value1\""
                                + " empty_unquoted= unquoted=value2 empty_bracketed=[]"
                                + " bracketed=[value3] cake=delicious");
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("goodbye")).isEqualTo("cruel\\ world");
        assertThat(e.includes("empty_quoted")).isFalse();
        assertThat(e.get("quoted")).isEqualTo("value1");
        assertThat(e.includes("empty_unquoted")).isFalse();
        assertThat(e.get("unquoted")).isEqualTo("value2");
        assertThat(e.includes("empty_bracketed")).isFalse();
        assertThat(e.get("bracketed")).isEqualTo("value3");
        assertThat(e.get("cake")).isEqualTo("delicious");

        // sloppy input: only the unambiguous bits
        e =
                kv(
                        "whitespace => strict",
                        "hello = world foo =bar baz= fizz whitespace=none doublequoted = \"hello"
                                + " world\" singlequoted= 'hello world' brackets =(hello world)"
                                + " strict=true");
        assertThat(e.data().keySet())
                .containsExactlyInAnyOrder(
                        "@timestamp", "@version", "message", "strict", "whitespace");
        assertThat(e.get("whitespace")).isEqualTo("none");
        assertThat(e.get("strict")).isEqualTo("true");
    }

    @Test
    void spacesAroundTheValueSplitAreLenientByDefault() {
        Event e =
                kv(
                        "",
                        "hello = world foo =bar baz= fizz doublequoted = \"hello world\""
                                + " singlequoted= 'hello world' brackets =(hello world)");
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isEqualTo("fizz");
        assertThat(e.get("doublequoted")).isEqualTo("hello world");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");
        assertThat(e.get("brackets")).isEqualTo("hello world");
    }

    @Test
    void escapedSpacesInKeysAndValues() {
        // LOGSTASH-624
        Event e =
                kv(
                        "value_split => ':'",
                        "IKE:=Quick\\ Mode\\ completion IKE\\ IDs:=subnet:\\ x.x.x.x\\"
                                + " (mask=\\ 255.255.255.254)\\ and\\ host:\\ y.y.y.y");
        assertThat(e.get("IKE")).isEqualTo("=Quick\\ Mode\\ completion");
        assertThat(e.get("IKE\\ IDs"))
                .isEqualTo(
                        "=subnet:\\ x.x.x.x\\ (mask=\\ 255.255.255.254)\\ and\\ host:\\ y.y.y.y");
    }

    @Test
    void alternateValueSplit() {
        Event e =
                kv(
                        "value_split => ':'",
                        "hello:=world foo:bar baz=:fizz doublequoted:\"hello world\""
                                + " singlequoted:'hello world' brackets:(hello world)");
        assertThat(e.get("hello")).isEqualTo("=world");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz=")).isEqualTo("fizz");
        assertThat(e.get("doublequoted")).isEqualTo("hello world");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");
        assertThat(e.get("brackets")).isEqualTo("hello world");
    }

    @Test
    void withoutAValueSplitterNothingHappens() {
        Event e = kv("add_tag => \"hello\"", "foo:bar");
        assertThat(e.toMap()).isEqualTo(FilterTestSupport.expected("message", "foo:bar"));
    }

    @Test
    void recursive() {
        Event e = kv("recursive => \"true\"", "foo=bar");
        assertThat(e.get("foo")).isEqualTo("bar");
        e = kv("recursive => \"true\"", "foo=1 bar=(baz=2)");
        assertThat(e.get("foo")).isEqualTo("1");
        assertThat(e.get("[bar][baz]")).isEqualTo("2");
        e =
                kv(
                        "recursive => 'true'",
                        "IKE=\"Quick Mode completion\" IKE\\ IDs = (subnet= x.x.x.x mask="
                                + " 255.255.255.254 and host=y.y.y.y)");
        assertThat(e.get("IKE")).isEqualTo("Quick Mode completion");
        assertThat(e.get("IKE\\ IDs"))
                .isEqualTo(map("subnet", "x.x.x.x", "mask", "255.255.255.254", "host", "y.y.y.y"));
    }

    @Test
    void fieldSplit() {
        Event e =
                kv(
                        "field_split => '?&'",
                        "?hello=world&foo=bar&baz=fizz&doublequoted=\"hello world\""
                                + "&singlequoted='hello world'&ignoreme&foo12=bar12");
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isEqualTo("fizz");
        assertThat(e.get("doublequoted")).isEqualTo("hello world");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");
        assertThat(e.get("foo12")).isEqualTo("bar12");

        // LOGSTASH-733
        e = kv("field_split => \"|\"", "field1=test|field2=another test|field3=test3");
        assertThat(e.get("field1")).isEqualTo("test");
        assertThat(e.get("field2")).isEqualTo("another test");
        assertThat(e.get("field3")).isEqualTo("test3");
    }

    @Test
    void includeBracketsFalse() {
        Event e =
                kv(
                        "include_brackets => \"false\"",
                        "bracketsone=(hello world) bracketstwo=[hello world]");
        assertThat(e.get("bracketsone")).isEqualTo("(hello");
        assertThat(e.get("bracketstwo")).isEqualTo("[hello");
    }

    private static final String FIVE =
            "hello=world foo=bar baz=fizz doublequoted=\"hello world\" singlequoted='hello world'";

    @Test
    void prefix() {
        Event e = kv("prefix => '__'", FIVE);
        assertThat(e.get("__hello")).isEqualTo("world");
        assertThat(e.get("__foo")).isEqualTo("bar");
        assertThat(e.get("__baz")).isEqualTo("fizz");
        assertThat(e.get("__doublequoted")).isEqualTo("hello world");
        assertThat(e.get("__singlequoted")).isEqualTo("hello world");
    }

    @Test
    void commonOptionsOnlyWhenPairsWereFound() {
        Event e = kv("add_tag => \"hello\"", "hello=world");
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.tags()).containsExactly("hello");
        e = kv("add_tag => \"hello\"", "this is not key value");
        assertThat(e.get("tags")).isNull();

        e = kv("add_field => [ \"whoa\", \"fancypants\" ]", "hello=world");
        assertThat(e.get("whoa")).isEqualTo("fancypants");
        e = kv("add_field => [ \"whoa\", \"fancypants\" ]", "this is not key value");
        assertThat(e.get("whoa")).isNull();
    }

    @Test
    void target() {
        Event e = kv("target => 'kv'", FIVE);
        assertThat(e.get("kv"))
                .isEqualTo(
                        map(
                                "hello",
                                "world",
                                "foo",
                                "bar",
                                "baz",
                                "fizz",
                                "doublequoted",
                                "hello world",
                                "singlequoted",
                                "hello world"));
        // nothing found: the target is not made
        e = kv("target => 'kv'", "hello:world:foo:bar:baz:fizz");
        assertThat(e.get("kv")).isNull();
    }

    @Test
    void source() {
        Event e = kv("source => \"data\"", event("data", FIVE));
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");
        e = kv("source => \"@data\"", event("@data", FIVE));
        assertThat(e.get("foo")).isEqualTo("bar");
        e = kv("source => \"data\" target => \"kv\"", event("data", FIVE));
        assertThat((Map<?, ?>) e.get("kv")).hasSize(5);
        e = kv("source => \"non-exisiting-field\" target => \"kv\"", "");
        assertThat(e.get("kv")).isNull();
    }

    @Test
    void fieldSplitPatternWithLiteralBackslashes() {
        // the pipeline text holds \\r\\n: a regex for a backslash, r, a backslash, n
        Event e =
                kv(
                        "source => headers field_split_pattern => \"\\\\r\\\\n\""
                                + " value_split_pattern => \": \" whitespace => strict"
                                + " target => headerskv",
                        event(
                                "headers",
                                "Host: foo.com\\r\\nUser-Agent: Qwerty/1.2.3 (www.qwerty.org)\\r\\n"
                                        + "Content-Type: text/xml; charset=utf-8\\r\\nAccept:"
                                        + " */*\\r\\nAccept-Encoding: gzip, deflate\\r\\n"
                                        + "Content-Length: 123\\r\\nX-UUID:"
                                        + " 0:15713435944943992\\r\\n\\r\\n"));
        assertThat(e.get("[headerskv][Host]")).isEqualTo("foo.com");
        assertThat(e.get("[headerskv][User-Agent]")).isEqualTo("Qwerty/1.2.3 (www.qwerty.org)");
        assertThat(e.get("[headerskv][Content-Type]")).isEqualTo("text/xml; charset=utf-8");
        assertThat(e.get("[headerskv][Accept]")).isEqualTo("*/*");
        assertThat(e.get("[headerskv][Accept-Encoding]")).isEqualTo("gzip, deflate");
        assertThat(e.get("[headerskv][Content-Length]")).isEqualTo("123");
        assertThat(e.get("[headerskv][X-UUID]")).isEqualTo("0:15713435944943992");
    }

    @Test
    void includeAndExcludeKeys() {
        Event e = kv("include_keys => [ \"foo\", \"singlequoted\" ]", FIVE);
        assertThat(e.data().keySet())
                .containsExactly("@timestamp", "@version", "message", "foo", "singlequoted");
        assertThat(e.get("singlequoted")).isEqualTo("hello world");

        e = kv("exclude_keys => [ \"foo\", \"singlequoted\" ]", FIVE);
        assertThat(e.data().keySet())
                .containsExactly(
                        "@timestamp", "@version", "message", "hello", "baz", "doublequoted");

        e = kv("include_keys => [ \"foo\", \"singlequoted\" ] prefix => \"__\"", FIVE);
        assertThat(e.get("__foo")).isEqualTo("bar");
        assertThat(e.get("__singlequoted")).isEqualTo("hello world");
        assertThat(e.includes("__hello")).isFalse();

        e = kv("exclude_keys => [ \"foo\", \"singlequoted\" ] prefix => \"__\"", FIVE);
        assertThat(e.get("__hello")).isEqualTo("world");
        assertThat(e.includes("__foo")).isFalse();

        e =
                kv(
                        "source => \"data\" include_keys => [ \"%{key}\"]",
                        event("data", "foo=bar baz=fizz", "key", "foo"));
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isNull();
        e =
                kv(
                        "source => \"data\" exclude_keys => [ \"%{key}\"]",
                        event("data", "foo=bar baz=fizz", "key", "foo"));
        assertThat(e.get("foo")).isNull();
        assertThat(e.get("baz")).isEqualTo("fizz");

        e =
                kv(
                        "include_keys => [ \"foo\", \"singlequoted\" ]"
                                + " exclude_keys => [ \"foo\", \"singlequoted\" ]",
                        FIVE);
        assertThat(e.data().keySet()).containsExactly("@timestamp", "@version", "message");
    }

    @Test
    void defaultKeys() {
        Event e = kv("default_keys => [ \"foo\", \"xxx\", \"goo\", \"yyy\" ]", FIVE);
        assertThat(e.get("hello")).isEqualTo("world");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("goo")).isEqualTo("yyy");
        assertThat(e.get("baz")).isEqualTo("fizz");
        assertThat(e.get("doublequoted")).isEqualTo("hello world");
    }

    @Test
    void targetOverwritesTheSource() {
        Event e = kv("source => \"happy\" target => \"happy\"", event("happy", "foo=bar baz=fizz"));
        assertThat(e.get("happy")).isEqualTo(map("foo", "bar", "baz", "fizz"));
    }

    @Test
    void duplicates() {
        Event e =
                kv(
                        "field_split => \"&\" source => \"source\" allow_duplicate_values => false",
                        event("source", "foo=bar&foo=yeah&foo=yeah"));
        assertThat(e.get("foo")).isEqualTo(list("bar", "yeah"));
        e =
                kv(
                        "field_split => \"&\" source => \"source\"",
                        event("source", "foo=bar&foo=yeah&foo=yeah"));
        assertThat(e.get("foo")).isEqualTo(list("bar", "yeah", "yeah"));
    }

    @Test
    void allowEmptyValues() {
        Event e =
                kv(
                        "field_split => \" \" source => \"source\" allow_empty_values => true"
                                + " whitespace => strict",
                        event(
                                "source",
                                "present=one empty= emptyquoted='' present=two emptybracketed=[]"
                                        + " endofinput="));
        assertThat(e.get("present")).isEqualTo(list("one", "two"));
        assertThat(e.get("empty")).isEqualTo("");
        assertThat(e.get("emptyquoted")).isEqualTo("");
        assertThat(e.get("emptybracketed")).isEqualTo("");
        assertThat(e.get("endofinput")).isEqualTo("");
    }

    @Test
    void keysWithoutValuesAreIgnored() {
        // #22; the separators are real CR LF characters here, as in the spec's Ruby options
        Event e =
                kv(
                        "field_split => \"\r\n\" value_split => \" \" trim_key => \":\"",
                        "AccountStatus: 4\r\nAdditionalInformation\r\n\r\nCode: \r\n"
                                + "HttpStatusCode: \r\nIsSuccess: True\r\nMessage: \r\n");
        assertThat(e.get("AccountStatus")).isEqualTo("4");
        assertThat(e.get("IsSuccess")).isEqualTo("True");
        assertThat(e.includes("AdditionalInformation")).isFalse();
        assertThat(e.includes("Code")).isFalse();
        assertThat(e.includes("HttpStatusCode")).isFalse();
        assertThat(e.includes("Message")).isFalse();
    }

    @Test
    void trimAndRemoveChars() {
        Event e =
                kv(
                        "field_split => \"\\|\" value_split => \"=\" trim_value => \" \""
                                + " trim_key => \" \"",
                        "key1= value1 with spaces | key2 with spaces =value2");
        assertThat(e.get("key1")).isEqualTo("value1 with spaces");
        assertThat(e.get("key2 with spaces")).isEqualTo("value2");

        e =
                kv(
                        "field_split => \"|\" value_split => \"=\" trim_value => \" \""
                                + " trim_key => \" \"",
                        "key1=  value1 with spaces    |  key2 with spaces  =value2");
        assertThat(e.get("key1")).isEqualTo("value1 with spaces");
        assertThat(e.get("key2 with spaces")).isEqualTo("value2");

        e =
                kv(
                        "field_split => \" \" value_split => \"=\" trim_value => \"<>,\""
                                + " trim_key => \"%+\"",
                        "to=<foo@example.com>, orig_to=<bar@example.com>,"
                                + " %+relay=mail.example.com[private/dovecot-lmtp], delay=2.2,"
                                + " delays=1.9/0.01/0.01/0.21, dsn=2.0.0, status=sent (250 2.0.0"
                                + " <foo@example.com> YERDHejiRSXFDSdfUXTV Saved) ");
        assertThat(e.get("to")).isEqualTo("foo@example.com");
        assertThat(e.get("orig_to")).isEqualTo("bar@example.com");
        assertThat(e.get("relay")).isEqualTo("mail.example.com[private/dovecot-lmtp]");
        assertThat(e.get("delay")).isEqualTo("2.2");
        assertThat(e.get("delays")).isEqualTo("1.9/0.01/0.01/0.21");
        assertThat(e.get("dsn")).isEqualTo("2.0.0");
        assertThat(e.get("status")).isEqualTo("sent");

        e =
                kv(
                        "field_split => \"\\|\" value_split => \"=\" remove_char_value => \" \""
                                + " remove_char_key => \" \"",
                        "key1= value1 with spaces | key2 with spaces =value2");
        assertThat(e.get("key1")).isEqualTo("value1withspaces");
        assertThat(e.get("key2withspaces")).isEqualTo("value2");
    }

    @Test
    void emptySplittersAreConfigErrors() {
        assertThatThrownBy(() -> filter("kv { value_split => \"\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'value_split' must be a non-empty string");
        assertThatThrownBy(() -> filter("kv { value_split_pattern => \"\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'value_split_pattern' must be a non-empty string");
        assertThatThrownBy(() -> filter("kv { field_split_pattern => \"\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'field_split_pattern' must be a non-empty string");
        assertThatThrownBy(() -> filter("kv { field_split_pattern => \"(\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("field_split_pattern");
        assertThatThrownBy(() -> filter("kv { transform_key => \"reverse\" }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Expected one of");
        assertThatThrownBy(() -> filter("kv { tiemout_millis => 1 }"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown setting 'tiemout_millis' for kv");
    }

    // -------------------------------------------------------- multi character splitting

    @Test
    void multiCharacterSplitting() {
        assertAllEight(
                kv(
                        "field_split => \" \" value_split => \":\"",
                        "hello:world foo:bar baz:fizz doublequoted:\"hello world\""
                                + " singlequoted:'hello world' bracketsone:(hello world)"
                                + " bracketstwo:[hello world] bracketsthree:<hello world>"));
        assertAllEight(
                kv(
                        "field_split => \" \" value_split_pattern => \"::\"",
                        "hello::world foo::bar baz::fizz doublequoted::\"hello world\""
                                + " singlequoted::'hello world' bracketsone::(hello world)"
                                + " bracketstwo::[hello world] bracketsthree::<hello world>"));
        assertAllEight(
                kv(
                        "field_split_pattern => \"__\" value_split_pattern => \"::\"",
                        "hello::world__foo::bar__baz::fizz__doublequoted::\"hello world\"__"
                                + "singlequoted::'hello world'__bracketsone::(hello world)__"
                                + "bracketstwo::[hello world]__bracketsthree::<hello world>"));
        assertAllEight(
                kv(
                        "field_split_pattern => \"_+\" value_split_pattern => \":+\"",
                        "hello:world_foo::bar__baz:::fizz___doublequoted:::\"hello world\"____"
                                + "singlequoted:::::'hello world'____bracketsone:::(hello world)__"
                                + "bracketstwo:[hello world]_bracketsthree::::::<hello world>"));
        assertAllEight(
                kv(
                        "field_split_pattern => \" \" value_split_pattern => \":\"",
                        "hello:world foo:bar baz:fizz doublequoted:\"hello world\""
                                + " singlequoted:'hello world' bracketsone:(hello world)"
                                + " bracketstwo:[hello world] bracketsthree:<hello world>"));
        assertAllEight(
                kv(
                        "field_split_pattern => \"\\?\\?\" value_split_pattern => \"\\+\\+\"",
                        "hello++world??foo++bar??baz++fizz??doublequoted++\"hello world\"??"
                                + "singlequoted++'hello world'??bracketsone++(hello world)??"
                                + "bracketstwo++[hello world]??bracketsthree++<hello world>"));
    }

    @Test
    void quotedStartThenUnquoted() {
        Event e =
                kv(
                        "field_split_pattern => \"!!!!!\"",
                        "foo=bar!!!!!baz=\"quoted stuff\" and more unquoted!!!!!msg=\"fully-quoted"
                                + " with a part! of the separator\"!!!!!blip=\"this!!!!!is it\""
                                + "!!!!!empty=\"\"!!!!!non-empty=\"foo\"");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isEqualTo("\"quoted stuff\" and more unquoted");
        assertThat(e.get("msg")).isEqualTo("fully-quoted with a part! of the separator");
        assertThat(e.get("blip")).isEqualTo("this!!!!!is it");
        assertThat(e.get("empty")).isNull();
        assertThat(e.get("non-empty")).isEqualTo("foo");

        e =
                kv(
                        "",
                        "foo=bar baz=\"quoted stuff\" and more unquoted msg=\"some fully-quoted"
                                + " message \" empty=\"\" non-empty=\"foo\"");
        assertThat(e.get("foo")).isEqualTo("bar");
        assertThat(e.get("baz")).isEqualTo("quoted stuff");
        assertThat(e.get("msg")).isEqualTo("some fully-quoted message ");
        assertThat(e.get("empty")).isNull();
        assertThat(e.get("non-empty")).isEqualTo("foo");
    }

    @Test
    void lookaheadInTheFieldSplitPattern() {
        // from @guyboertje in logstash-filter-kv#15
        Event e =
                kv(
                        "field_split_pattern => \";\\s*(?=key.+?:)|;$\""
                                + " value_split_pattern => \":\\s+\"",
                        "key1: val1; key2: val2; key3:  https://site/?g={......\"...;  CLR "
                                + " rv:11.0)\"..}; key4: val4;");
        assertThat(e.get("key1")).isEqualTo("val1");
        assertThat(e.get("key2")).isEqualTo("val2");
        assertThat(e.get("key3")).isEqualTo("https://site/?g={......\"...;  CLR  rv:11.0)\"..}");
        assertThat(e.get("key4")).isEqualTo("val4");
    }

    @Test
    void emptyValuesBetweenSeparators() {
        for (String settings :
                new String[] {
                    "field_split => \"|\" value_split => \"=\"",
                    "field_split_pattern => '\\|' value_split_pattern => \"=\""
                }) {
            Event e = kv(settings, "a=1|b=|c=3");
            assertThat(e.get("a")).isEqualTo("1");
            assertThat(e.get("b")).isNull();
            assertThat(e.get("c")).isEqualTo("3");
        }
    }

    // -------------------------------------------------------- failures and timeouts

    @Test
    void aKeyThatIsNoFieldReferenceTagsTheEvent() {
        Event e = kv("", "a[b=1 c=2");
        assertThat(e.tags()).containsExactly("_kv_filter_error");
        e = kv("tag_on_failure => \"KV-ERROR\"", "a[b=1");
        assertThat(e.tags()).containsExactly("KV-ERROR");
        e = kv("tag_on_failure => [\"kv_FAIL_one\", \"_kv_fail_TWO\"]", "a[b=1");
        assertThat(e.tags()).containsExactly("kv_FAIL_one", "_kv_fail_TWO");
        // under a target the key is a plain hash key
        e = kv("target => kv", "a[b=1");
        assertThat(e.get("kv")).isEqualTo(map("a[b", "1"));
    }

    private static final String PATHOLOGICAL = "value_split_pattern => \"(?:=+=+)+:\"";

    @Test
    void timeoutTagsAndSkipsDefaultsAndCommonOptions() {
        Event e =
                kv(
                        PATHOLOGICAL
                                + " timeout_millis => 250 default_keys => {\"default\" => \"key\"}"
                                + " add_field => {\"kv\" => \"success\"}",
                        "foo========:bar baz================================================bingo");
        assertThat(e.tags()).containsExactly("_kv_filter_timeout");
        assertThat(e.includes("default")).isFalse();
        assertThat(e.includes("kv")).isFalse();

        e =
                kv(
                        PATHOLOGICAL + " timeout_millis => 250 tag_on_timeout => 'BADKV'",
                        "foo========:bar baz================================================bingo");
        assertThat(e.tags()).containsExactly("BADKV");
    }

    @Test
    void aNonPathologicalInputUnderTheSameRegex() {
        for (String t : new String[] {"250", "0"}) {
            Event e = kv(PATHOLOGICAL + " timeout_millis => " + t, "foo==:bar baz==:bingo");
            assertThat(e.get("foo")).isEqualTo("bar");
            assertThat(e.get("baz")).isEqualTo("bingo");
        }
    }

    @Test
    void arraySourceParsesEachString() {
        Event e = kv("", event("message", list("a=1", "b=2", 3L)));
        assertThat(e.get("a")).isEqualTo("1");
        assertThat(e.get("b")).isEqualTo("2");
    }

    @Test
    void worksAfterSerialization() throws Exception {
        Filter f = PipelineText.shipped("kv { trim_value => \"<>\" field_split => \", \" }");
        Event e = FilterTestSupport.run(f, PipelineText.message("to=<a@b>, status=sent"));
        assertThat(e.get("to")).isEqualTo("a@b");
        assertThat(e.get("status")).isEqualTo("sent");
    }
}
