package io.logaggregate.spec;

import static org.assertj.core.api.Assertions.assertThat;

import io.logaggregate.event.Event;
import io.logaggregate.event.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The examples of Logstash's {@code event_spec.rb} and {@code legacy_ruby_event_spec.rb} that our
 * event API supports: on the Java {@link Event}, and through a {@code ruby} filter for the Ruby
 * {@code LogStash::Event} a pipeline's code sees.
 */
class EventSpecTest {
    static final String TS = "2015-05-28T23:02:05.350Z";

    static Event event(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return Event.fromMap(m, Instant.now());
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static Map<String, Object> json(String text) throws Exception {
        return Json.readObject(text);
    }

    @Nested
    class ToJson {
        @Test
        void nullValues() throws Exception {
            Event e = event("null_value", null, "@timestamp", TS);
            assertThat(json(e.toJson()))
                    .isEqualTo(
                            json(
                                    "{\"null_value\":null,\"@timestamp\":\""
                                            + TS
                                            + "\",\"@version\":\"1\"}"));
        }

        @Test
        void simpleValues() throws Exception {
            Event e = event("foo", "bar", "bar", 1L, "baz", 1.0, "@timestamp", TS);
            assertThat(json(e.toJson()))
                    .isEqualTo(
                            json(
                                    "{\"foo\":\"bar\",\"bar\":1,\"baz\":1.0,\"@timestamp\":\""
                                            + TS
                                            + "\",\"@version\":\"1\"}"));
        }

        @Test
        void deepHashAndArrayValues() throws Exception {
            Event e =
                    event(
                            "foo",
                            Map.of("bar", 1L, "baz", 1.0, "biz", "boz"),
                            "arr",
                            list("bar", 1L, 1.0),
                            "@timestamp",
                            TS);
            assertThat(json(e.toJson()))
                    .isEqualTo(
                            json(
                                    "{\"foo\":{\"bar\":1,\"baz\":1.0,\"biz\":\"boz\"},"
                                            + "\"arr\":[\"bar\",1,1.0],\"@timestamp\":\""
                                            + TS
                                            + "\",\"@version\":\"1\"}"));
        }

        @Test
        void deepHashFromFieldReferenceAssignments() throws Exception {
            Event e = event("@timestamp", TS);
            e.set("foo", "bar");
            e.set("bar", 1L);
            e.set("baz", 1.0);
            e.set("[fancy][pants][socks]", "shoes");
            assertThat(json(e.toJson()))
                    .isEqualTo(
                            json(
                                    "{\"@timestamp\":\""
                                            + TS
                                            + "\",\"@version\":\"1\",\"foo\":\"bar\",\"bar\":1,"
                                            + "\"baz\":1.0,\"fancy\":{\"pants\":{\"socks\":\"shoes\"}}}"));
        }
    }

    @Nested
    class Get {
        @Test
        void simpleValues() {
            Event e = event("foo", "bar", "bar", 1L, "baz", 1.0, "@timestamp", TS);
            assertThat(e.get("foo")).isEqualTo("bar");
            assertThat(e.get("[foo]")).isEqualTo("bar");
            assertThat(e.get("bar")).isEqualTo(1L);
            assertThat(e.get("[baz]")).isEqualTo(1.0);
            assertThat(e.get("@timestamp")).isEqualTo(Instant.parse(TS));
            assertThat(e.get("[@timestamp]")).isEqualTo(Instant.parse(TS));
        }

        @Test
        void deepArrayValuesAndNegativeIndexes() {
            Event e = event("foo", list("bar", 1L, 1.0));
            assertThat(e.get("[foo][0]")).isEqualTo("bar");
            assertThat(e.get("[foo][1]")).isEqualTo(1L);
            assertThat(e.get("[foo][2]")).isEqualTo(1.0);
            assertThat(e.get("[foo][3]")).isNull();
            assertThat(e.get("[foo][-3]")).isEqualTo("bar");
            assertThat(e.get("[foo][-2]")).isEqualTo(1L);
            assertThat(e.get("[foo][-1]")).isEqualTo(1.0);
        }
    }

    @Nested
    class Set {
        @Test
        void deepHashValues() {
            Event e = new Event();
            e.set("[foo][bar]", "baz");
            assertThat(e.get("[foo][bar]")).isEqualTo("baz");
            assertThat(e.get("[foo][baz]")).isNull();
        }

        @Test
        void deepArrayValuesOnAMissingFieldMakeAHash() {
            // as in Logstash: [foo] does not exist, so [foo][0] creates the hash {"0" => ...}
            Event e = new Event();
            e.set("[foo][0]", "bar");
            assertThat(e.get("[foo][0]")).isEqualTo("bar");
            e.set("[foo][1]", 1L);
            assertThat(e.get("[foo][1]")).isEqualTo(1L);
            e.set("[foo][2]", 1.0);
            assertThat(e.get("[foo][2]")).isEqualTo(1.0);
            assertThat(e.get("[foo][3]")).isNull();
        }

        @Test
        void addsKeyWhenSettingNil() {
            Event e = new Event();
            e.set("[foo]", null);
            assertThat(e.toMap()).containsEntry("foo", null);
        }

        @Test
        void nilElementWithinExistingArray() {
            Event e = new Event();
            e.set("[foo]", list("bar", "baz"));
            e.set("[foo][0]", null);
            assertThat(e.get("[foo]")).isEqualTo(list(null, "baz"));
        }

        @Test
        void nilInFirstElementOfEmptyArray() {
            Event e = new Event();
            e.set("[foo]", list());
            e.set("[foo][0]", null);
            assertThat(e.get("[foo]")).isEqualTo(list((Object) null));
        }

        @Test
        void nilInSecondElementOfEmptyArrayPadsWithNil() {
            Event e = new Event();
            e.set("[foo]", list());
            e.set("[foo][1]", null);
            assertThat(e.get("[foo]")).isEqualTo(list(null, null));
        }

        @Test
        void overwriteDeepFields() {
            Event e = new Event();
            e.set("[foo][bar]", "baz");
            e.set("[foo][bar]", "zab");
            assertThat(e.get("[foo][bar]")).isEqualTo("zab");
        }

        @Test
        void metadataAsAHash() {
            Event e = new Event();
            e.set("@metadata", Map.of("action", "index"));
            assertThat(e.get("[@metadata][action]")).isEqualTo("index");
        }

        /** legacy_ruby_event_spec "Event accessors": "should invalidate target caching". */
        @Test
        void arraysAndHashesThroughElementReferences() {
            Event event = event("message", "foo");
            assertThat(event.get("[a][0]")).isNull();

            event.set("[a][0]", 42L);
            assertThat(event.get("[a][0]")).isEqualTo(42L);
            assertThat(event.get("[a]")).isEqualTo(Map.of("0", 42L));

            event.set("[a]", list(42L, 24L));
            assertThat(event.get("[a]")).isEqualTo(list(42L, 24L));
            assertThat(event.get("[a][0]")).isEqualTo(42L);

            event.set("[a]", list(24L, 42L));
            assertThat(event.get("[a][0]")).isEqualTo(24L);

            Map<String, Object> h = Map.of("a ", 99L, "b", 98L);
            event.set("[a][0]", h);
            assertThat(event.get("[a][0]")).isEqualTo(h);
            assertThat(event.get("[a]")).isEqualTo(list(h, 42L));
            assertThat(event.get("[a][1]")).isEqualTo(42L);
            assertThat(event.get("[a][0][b]")).isEqualTo(98L);
        }

        @Test
        void writingInsideAnArrayElementKeepsTheArray() {
            Event e = event("foo", list(Map.of("x", 1L), "keep"));
            e.set("[foo][0][y]", 2L);
            e.set("[foo][-1]", "kept");
            e.set("[foo][3][z]", 3L);
            assertThat(e.get("foo"))
                    .isEqualTo(list(Map.of("x", 1L, "y", 2L), "kept", null, Map.of("z", 3L)));
        }
    }

    @Nested
    class Remove {
        @Test
        void anArrayElementIsRemovedAndTheRestMovesUp() {
            Event e = event("t1", list("a", "b", "c"));
            assertThat(e.remove("[t1][0]")).isEqualTo("a");
            assertThat(e.get("t1")).isEqualTo(list("b", "c"));
            assertThat(e.remove("[t1][-1]")).isEqualTo("c");
            assertThat(e.get("t1")).isEqualTo(list("b"));
            assertThat(e.remove("[t1][5]")).isNull();
            assertThat(e.remove("[t1][x]")).isNull();
            assertThat(e.get("t1")).isEqualTo(list("b"));
        }

        @Test
        void insideAnArrayElement() {
            Event e = event("a", list(Map.of("b", 1L, "c", 2L)));
            e.remove("[a][0][b]");
            assertThat(e.get("a")).isEqualTo(list(Map.of("c", 2L)));
        }
    }

    @Nested
    class Include {
        final Event subject =
                event(
                        "c",
                        Map.of("d", "f"),
                        "j",
                        Map.of("k4", list(Map.of("nested", "cool"))),
                        "nilfield",
                        null,
                        "tags",
                        list("tag1"),
                        "@metadata",
                        Map.of("fancy", "pants"));

        @Test
        void existingFields() {
            assertThat(subject.includes("c")).isTrue();
            assertThat(subject.includes("[c][d]")).isTrue();
            assertThat(subject.includes("[j][k4][0][nested]")).isTrue();
            assertThat(subject.includes("nilfield")).isTrue();
            assertThat(subject.includes("[@metadata][fancy]")).isTrue();
        }

        @Test
        void nonExistingFields() {
            assertThat(subject.includes("doesnotexist")).isFalse();
            assertThat(subject.includes("[j][doesnotexist]")).isFalse();
            assertThat(subject.includes("[tag][0][hello][yes]")).isFalse();
        }

        @Test
        void withinArrays() {
            assertThat(subject.includes("[tags][0]")).isTrue();
            assertThat(subject.includes("[tags][1]")).isFalse();
        }
    }

    @Nested
    class Append {
        final Event subject = event("message", "hello world", "tags", list("tag1"));

        @Test
        void appendsStringsToAnArray() {
            subject.append(event("message", "another thing"));
            assertThat(subject.get("message")).isEqualTo(list("hello world", "another thing"));
        }

        @Test
        void concatenatesTags() {
            subject.append(event("tags", list("tag2")));
            assertThat(subject.get("tags")).isEqualTo(list("tag1", "tag2"));
        }

        @Test
        void nilFieldTakesTheValue() {
            subject.append(event("field1", "append1"));
            assertThat(subject.get("field1")).isEqualTo("append1");
            Event other = event("message", "m");
            other.append(event("field1", list("append1", "append2")));
            assertThat(other.get("field1")).isEqualTo(list("append1", "append2"));
        }

        @Test
        void stringField() {
            Event a = event("field1", "original1");
            a.append(event("field1", "append1"));
            assertThat(a.get("field1")).isEqualTo(list("original1", "append1"));

            Event b = event("field1", "original1");
            b.append(event("field1", "original1"));
            assertThat(b.get("field1")).isEqualTo("original1");

            Event c = event("field1", "original1");
            c.append(event("field1", list("append1")));
            assertThat(c.get("field1")).isEqualTo(list("original1", "append1"));

            Event d = event("field1", "original1");
            d.append(event("field1", list("append1", "original1")));
            assertThat(d.get("field1")).isEqualTo(list("original1", "append1"));
        }

        @Test
        void arrayField() {
            Event a = event("field1", list("original1", "original2"));
            a.append(event("field1", "append1"));
            assertThat(a.get("field1")).isEqualTo(list("original1", "original2", "append1"));

            Event b = event("field1", list("original1", "original2"));
            b.append(event("field1", "original1"));
            assertThat(b.get("field1")).isEqualTo(list("original1", "original2"));

            Event c = event("field1", list("original1", "original2"));
            c.append(event("field1", list("append1", "original1")));
            assertThat(c.get("field1")).isEqualTo(list("original1", "original2", "append1"));
        }

        @Test
        void keepsItsOwnTimestamp() {
            Event a = event("@timestamp", TS, "m", "a");
            a.append(event("@timestamp", "2020-01-01T00:00:00Z", "m", "b"));
            assertThat(a.timestamp()).isEqualTo(Instant.parse(TS));
        }
    }

    @Nested
    class Clone {
        @Test
        void metadataIsClonedAndIndependent() {
            Event event1 = event("hello", "world", "@metadata", Map.of("fancy", "pants"));
            Event cloned = event1.copy();
            assertThat(cloned.get("[@metadata][fancy]")).isEqualTo("pants");
            cloned.set("hello", "foobar");
            cloned.set("[@metadata][fancy]", "foobar");
            assertThat(event1.get("hello")).isEqualTo("world");
            assertThat(event1.get("[@metadata][fancy]")).isEqualTo("pants");
            assertThat(cloned.toMap()).doesNotContainKey("@metadata");
        }
    }

    @Nested
    class TimestampInitialization {
        @Test
        void tagsAnInvalidValue() {
            Event e = event("@timestamp", "foo");
            assertThat(e.tags()).containsExactly("_timestampparsefailure");
            assertThat(e.get("_@timestamp")).isEqualTo("foo");
            Event n = event("@timestamp", 666L);
            assertThat(n.tags()).containsExactly("_timestampparsefailure");
            assertThat(n.get("_@timestamp")).isEqualTo(666L);
        }

        @Test
        void acceptsOffsets() {
            assertThat(event("@timestamp", "2013-12-29T23:12:52.371240+02:00").timestamp())
                    .isEqualTo(Instant.parse("2013-12-29T21:12:52.371240Z"));
            assertThat(event("@timestamp", "2013-12-27T11:07:25+00:00").timestamp())
                    .isEqualTo(Instant.parse("2013-12-27T11:07:25Z"));
        }
    }

    /** Integers beyond 64 bits stay exact (Logstash keeps a Bignum) everywhere an event goes. */
    @Nested
    class BigIntegers {
        final java.math.BigInteger big =
                new java.math.BigInteger("680564693277057720000000000000000000000");

        @Test
        void jsonInAndOutStaysExact() throws Exception {
            Event e =
                    Event.fromMap(
                            json(
                                    "{\"n\":680564693277057720000000000000000000000,\"m\":-9223372036854775809,\"s\":1}"),
                            Instant.EPOCH);
            assertThat(e.get("n")).isEqualTo(big);
            assertThat(e.get("m")).isEqualTo(new java.math.BigInteger("-9223372036854775809"));
            assertThat(e.get("s")).isEqualTo(1L);
            assertThat(e.toJson())
                    .contains(
                            "\"n\":680564693277057720000000000000000000000,\"m\":-9223372036854775809");
        }

        @Test
        void flinkSerializationKeepsThem() throws Exception {
            Event e = event("n", big, "l", list(big, 1L), "small", java.math.BigInteger.TEN);
            assertThat(e.get("small")).isEqualTo(10L);
            org.apache.flink.core.memory.DataOutputSerializer out =
                    new org.apache.flink.core.memory.DataOutputSerializer(64);
            io.logaggregate.event.flink.EventSerializer.INSTANCE.serialize(e, out);
            Event back =
                    io.logaggregate.event.flink.EventSerializer.INSTANCE.deserialize(
                            new org.apache.flink.core.memory.DataInputDeserializer(
                                    out.getCopyOfBuffer()));
            assertThat(back.toMap()).isEqualTo(e.toMap());
            assertThat(back.get("n")).isEqualTo(big);
        }

        @Test
        void sprintfAndConditions() {
            Event e = event("n", big);
            assertThat(e.sprintf("%{n}")).isEqualTo("680564693277057720000000000000000000000");
            SpecPipeline p =
                    SpecPipeline.of(
                            "if [n] > 9223372036854775807 { mutate { add_tag => \"bigger\" } }"
                                    + " if [n] == [n] { mutate { add_tag => \"same\" } }");
            assertThat(p.one(e).tags()).containsExactly("bigger", "same");
        }
    }

    /** The same examples seen from Ruby code, as a pipeline's ruby filter runs them. */
    @Nested
    class FromRuby {
        private Event ruby(String code, Event in) {
            return SpecPipeline.of("ruby { code => '" + code + "' }").one(in);
        }

        @Test
        void setThroughAnArrayElementKeepsTheArray() {
            Event out =
                    ruby(
                            "event.set(\"[a][0]\", 1); event.set(\"[a][2]\", 3)",
                            event("a", list(9L, 8L)));
            assertThat(out.get("a")).isEqualTo(list(1L, 8L, 3L));
        }

        @Test
        void setOnAMissingFieldMakesAHash() {
            Event out = ruby("event.set(\"[a][0]\", 42)", event("message", "m"));
            assertThat(out.get("a")).isEqualTo(Map.of("0", 42L));
        }

        @Test
        void removeAnArrayElement() {
            Event out =
                    ruby(
                            "event.set(\"removed\", event.remove(\"[t][1]\"))",
                            event("t", list("x", "y", "z")));
            assertThat(out.get("t")).isEqualTo(list("x", "z"));
            assertThat(out.get("removed")).isEqualTo("y");
        }

        @Test
        void append() {
            Event out =
                    ruby(
                            "event.append(LogStash::Event.new(\"message\" => \"another thing\"))",
                            event("message", "hello world"));
            assertThat(out.get("message")).isEqualTo(list("hello world", "another thing"));
        }

        @Test
        void tag() {
            Event out =
                    ruby(
                            "event.set(\"before\", event.get(\"tags\").nil?); event.tag(\"foo\")",
                            event("message", "hello world"));
            assertThat(out.get("before")).isEqualTo(true);
            assertThat(out.get("tags")).isEqualTo(list("foo"));
        }

        @Test
        void sprintfOfANonString() {
            Event out = ruby("event.set(\"s\", event.sprintf(2))", event("message", "m"));
            assertThat(out.get("s")).isEqualTo("2");
        }

        @Test
        void setAndGetBignum() {
            Event out =
                    ruby(
                            "event.set(\"[foo]\", -9223372036854776000); "
                                    + "event.set(\"ok\", event.get(\"foo\") == -9223372036854776000)",
                            event("message", "m"));
            assertThat(out.get("ok")).isEqualTo(true);
            assertThat(out.get("foo")).isEqualTo(new java.math.BigInteger("-9223372036854776000"));
        }
    }
}
