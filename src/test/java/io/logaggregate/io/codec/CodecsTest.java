package io.logaggregate.io.codec;

import static io.logaggregate.io.Defs.codec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.config.ConfigException;
import io.logaggregate.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CodecsTest {
    private static final Instant TS = Instant.parse("2026-01-31T00:02:00Z");

    private static List<Event> decode(Decoder d, String text) {
        List<Event> out = new ArrayList<>();
        d.decode(text, out::add);
        return out;
    }

    private static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", TS);
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.fromMap(m, TS);
    }

    @Test
    void plainDecodesTheLineIntoMessage() {
        List<Event> events = decode(Codecs.decoder(codec("plain")), "hello world");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.get("message")).isEqualTo("hello world");
        assertThat(e.get("@version")).isEqualTo("1");
        assertThat(e.timestamp()).isNotNull();
        assertThat(e.tags()).isEmpty();
    }

    @Test
    void jsonDecodesAnObject() {
        List<Event> events =
                decode(
                        Codecs.decoder(codec("json")),
                        "{\"a\":1,\"b\":{\"c\":\"x\"},\"@timestamp\":\"2026-01-31T00:02:00.000Z\"}");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).toJson())
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:02:00.000Z\",\"@version\":\"1\",\"a\":1,\"b\":{\"c\":\"x\"}}");
    }

    @Test
    void jsonDecodesEachObjectOfAnArrayAndNothingForBlankText() {
        Decoder d = Codecs.decoder(codec("json_lines"));
        assertThat(decode(d, "[{\"a\":1},{\"a\":2}]"))
                .extracting(e -> e.get("a"))
                .containsExactly(1L, 2L);
        assertThat(decode(d, "   ")).isEmpty();
    }

    /** Issue 11 cause 5: integers beyond 64 bits stay exact, in and out (as Logstash's Bignum). */
    @Test
    void jsonKeepsIntegersBeyond64BitsExact() {
        String big = "680564693277057720000000000000000000000";
        List<Event> events =
                decode(
                        Codecs.decoder(codec("json")),
                        "{\"n\":" + big + ",\"m\":-9223372036854775809}");
        assertThat(events).hasSize(1);
        Event e = events.get(0);
        assertThat(e.tags()).isEmpty();
        assertThat(e.get("n")).isEqualTo(new java.math.BigInteger(big));
        assertThat(Codecs.encoder(codec("json_lines")).encode(e))
                .contains("\"n\":" + big + ",\"m\":-9223372036854775809");
        assertThat(Codecs.encoder(codec("rubydebug")).encode(e)).contains(big);
    }

    @Test
    void jsonFailureKeepsTheTextAndTags() {
        Decoder d = Codecs.decoder(codec("json"));
        for (String bad : List.of("{not json", "42", "{\"a\":1} trailing", "[1,2]")) {
            List<Event> events = decode(d, bad);
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("message")).isEqualTo(bad);
            assertThat(events.get(0).tags()).containsExactly("_jsonparsefailure");
        }
    }

    @Test
    void jsonTargetPutsTheObjectUnderAField() {
        List<Event> events =
                decode(Codecs.decoder(codec("json", "target", "[doc]")), "{\"a\":\"b\"}");
        assertThat(events.get(0).get("[doc][a]")).isEqualTo("b");
    }

    @Test
    void jsonLinesEncodesOneObjectPerLineWithoutMetadata() {
        Event e = event("message", "hi", "n", 3L, "tags", List.of("t"));
        e.set("[@metadata][secret]", "x");
        assertThat(Codecs.encoder(codec("json_lines")).encode(e))
                .isEqualTo(
                        "{\"@timestamp\":\"2026-01-31T00:02:00.000Z\",\"@version\":\"1\","
                                + "\"message\":\"hi\",\"n\":3,\"tags\":[\"t\"]}\n");
        assertThat(Codecs.encoder(codec("json")).encode(e)).doesNotEndWith("\n").startsWith("{");
    }

    @Test
    void plainEncodesEventToStringOrFormat() {
        Event e = event("message", "hi", "host", "h1");
        assertThat(Codecs.encoder(codec("plain")).encode(e))
                .isEqualTo("2026-01-31T00:02:00.000Z h1 hi");
        assertThat(Codecs.encoder(codec("plain", "format", "%{host}: %{message}")).encode(e))
                .isEqualTo("h1: hi");
        assertThat(Codecs.encoder(codec("line", "format", "%{message}")).encode(e))
                .isEqualTo("hi\n");
        assertThat(Codecs.encoder(codec("plain")).encode(event("message", "m")))
                .isEqualTo("2026-01-31T00:02:00.000Z %{host} m");
    }

    @Test
    void rubydebugLooksLikeLogstash() {
        Event e =
                event("message", "say \"hi\"", "count", 12L, "ok", true, "tags", List.of("a", "b"));
        e.set("[log][file][path]", "/var/log/x");
        e.set("[@metadata][m]", "hidden");
        String expected =
                "{\n"
                        + "    \"@timestamp\" => 2026-01-31T00:02:00.000Z,\n"
                        + "      \"@version\" => \"1\",\n"
                        + "       \"message\" => \"say \\\"hi\\\"\",\n"
                        + "         \"count\" => 12,\n"
                        + "            \"ok\" => true,\n"
                        + "          \"tags\" => [\n"
                        + "        [0] \"a\",\n"
                        + "        [1] \"b\"\n"
                        + "    ],\n"
                        + "           \"log\" => {\n"
                        + "        \"file\" => {\n"
                        + "            \"path\" => \"/var/log/x\"\n"
                        + "        }\n"
                        + "    }\n"
                        + "}\n";
        assertThat(Codecs.encoder(codec("rubydebug")).encode(e)).isEqualTo(expected);
        assertThat(Codecs.encoder(codec("rubydebug", "metadata", "true")).encode(e))
                .contains("\"@metadata\" => {\n        \"m\" => \"hidden\"\n    }\n}\n");
    }

    @Test
    void unknownCodecsAndSettingsAreConfigErrors() {
        assertThatThrownBy(() -> Codecs.decoder(codec("multiline")))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Couldn't find any codec plugin named 'multiline'. Are you sure this is"
                                + " correct?");
        assertThatThrownBy(() -> Codecs.decoder(codec("rubydebug")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("only be used on outputs");
        assertThatThrownBy(() -> Codecs.encoder(codec("json_lines", "bogus", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown setting 'bogus' for json_lines");
        assertThatThrownBy(() -> Codecs.decoder(codec("plain", "charset", "NOPE-9")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("charset");
    }

    @Test
    void charsetIsUsedForDecoding() {
        assertThat(Codecs.decoder(codec("plain", "charset", "ISO-8859-1")).charset())
                .isEqualTo("ISO-8859-1");
    }
}
