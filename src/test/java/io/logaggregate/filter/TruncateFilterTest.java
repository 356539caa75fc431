package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ported from logstash-filter-truncate's truncate_spec.rb (its stress tests with a fixed seed). */
class TruncateFilterTest {
    private static int bytes(Object s) {
        return ((String) s).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void hashFieldsExceedingTheLengthAreTruncatedAndMatch() {
        Event e =
                run(
                        filter("truncate", "length_bytes", 450L, "add_tag", list("cut")),
                        event(
                                "foo", map("bar", "a".repeat(500)),
                                "one", map("two", map("three", "b".repeat(600))),
                                "baz", "c".repeat(700)));
        assertThat(e.get("[foo][bar]")).isEqualTo("a".repeat(450));
        assertThat(e.get("[one][two][three]")).isEqualTo("b".repeat(450));
        assertThat(e.get("baz")).isEqualTo("c".repeat(450));
        assertThat(e.tags()).containsExactly("cut");
    }

    @Test
    void fieldsWithinTheLengthAreKeptAndDoNotMatch() {
        Event e =
                run(
                        filter("truncate", "length_bytes", 450L, "add_tag", list("cut")),
                        event(
                                "foo", map("bar", "a".repeat(350)),
                                "one", map("two", map("three", "b".repeat(300))),
                                "baz", "c".repeat(450)));
        assertThat(bytes(e.get("[foo][bar]"))).isEqualTo(350);
        assertThat(bytes(e.get("[one][two][three]"))).isEqualTo(300);
        assertThat(bytes(e.get("baz"))).isEqualTo(450);
        assertThat(e.tags()).isEmpty();
    }

    @Test
    void stringFieldsStayValidUtf8AndOthersAreUntouched() {
        Random r = new Random(42);
        for (int round = 0; round < 200; round++) {
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(300);
            for (int i = 0; i < n; i++) {
                // ASCII, 2-, 3- and 4-byte characters
                int[] pool = {'a', 'é', '中', 0x1F600};
                sb.appendCodePoint(pool[r.nextInt(pool.length)]);
            }
            String text = sb.toString();
            long length = r.nextInt(1000);
            Event e =
                    run(
                            filter("truncate", "length_bytes", length, "fields", list("example")),
                            event("message", text, "example", text));
            String cut = (String) e.get("example");
            assertThat(bytes(cut)).isLessThanOrEqualTo((int) length);
            assertThat(text).startsWith(cut);
            // the longest prefix: one more character would not fit
            if (cut.length() < text.length()) {
                int next = text.codePointAt(cut.length());
                assertThat(bytes(cut + new String(Character.toChars(next))))
                        .isGreaterThan((int) length);
            }
            assertThat(e.get("message")).isEqualTo(text);
        }
    }

    @Test
    void nonStringFieldsDoNothing() {
        Event e =
                run(
                        filter(
                                "truncate",
                                "length_bytes",
                                1L,
                                "fields",
                                list("example"),
                                "add_tag",
                                list("cut")),
                        event("example", -123L));
        assertThat(e.get("example")).isEqualTo(-123L);
        assertThat(e.tags()).isEmpty();
    }

    @Test
    void arrayElements() {
        List<Object> big = list();
        for (int i = 0; i < 10; i++) {
            big.add("a".repeat(100));
        }
        Event e =
                run(
                        filter(
                                "truncate",
                                "length_bytes",
                                50L,
                                "fields",
                                list("example"),
                                "add_tag",
                                list("cut")),
                        event("example", big));
        for (int i = 0; i < 10; i++) {
            assertThat(e.get("[example][" + i + "]")).isEqualTo("a".repeat(50));
        }
        assertThat(e.tags()).containsExactly("cut");

        List<Object> mixed = list();
        for (int i = 0; i < 9; i++) {
            mixed.add("a".repeat(20));
        }
        mixed.add("b".repeat(100));
        mixed.add(7L);
        Event m =
                run(
                        filter("truncate", "length_bytes", 50L, "fields", list("example")),
                        event("example", mixed));
        assertThat(m.get("[example][0]")).isEqualTo("a".repeat(20));
        assertThat(m.get("[example][9]")).isEqualTo("b".repeat(50));
        assertThat(m.get("[example][10]")).isEqualTo(7L);
    }

    @Test
    void zeroLengthEmptiesStrings() {
        Event e = run(filter("truncate", "length_bytes", 0L), event("a", "xyz", "b", ""));
        assertThat(e.get("a")).isEqualTo("");
        assertThat(e.get("b")).isEqualTo("");
        assertThat(e.get("@version")).isEqualTo("");
    }

    @Test
    void lengthIsRequired() {
        assertThatThrownBy(() -> filter("truncate"))
                .hasMessageContaining("Missing a required setting for the truncate filter plugin");
        assertThatThrownBy(() -> filter("truncate", "length_bytes", -1L))
                .hasMessageContaining("length_bytes");
    }
}
