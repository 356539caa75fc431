package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.map;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import org.junit.jupiter.api.Test;

/** Ported from logstash-filter-urldecode's urldecode_spec.rb. */
class UrldecodeFilterTest {
    private static final String ENCODED =
            "http%3A%2F%2Flogstash.net%2Fdocs%2F1.3.2%2Ffilters%2Furldecode";
    private static final String DECODED = "http://logstash.net/docs/1.3.2/filters/urldecode";

    @Test
    void decodesTheMessage() {
        Event e = run(filter("urldecode"), event("message", ENCODED));
        assertThat(e.get("message")).isEqualTo(DECODED);
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void leavesTextWithoutEscapesAlone() {
        Event e = run(filter("urldecode"), event("message", DECODED));
        assertThat(e.get("message")).isEqualTo(DECODED);
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void allFields() {
        Event e =
                run(
                        filter("urldecode", "all_fields", true),
                        event("message", ENCODED, "nonencoded", DECODED));
        assertThat(e.get("message")).isEqualTo(DECODED);
        assertThat(e.get("nonencoded")).isEqualTo(DECODED);
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void invalidUtf8IsShownAsEscapes() {
        Event e =
                run(
                        filter("urldecode"),
                        event(
                                "message",
                                "/a/sa/search?rgu=0;+%C3%BB%D3%D0%D5%D2%B5%BD=;+%B7%A2%CB%CD="));
        assertThat(e.get("message"))
                .isEqualTo("/a/sa/search?rgu=0;+û\\xD3\\xD0\\xD5ҵ\\xBD=;+\\xB7\\xA2\\xCB\\xCD=");
        assertThat(e.get("tags")).isNull();
    }

    @Test
    void nonRfc3986TextInTheParameters() {
        Event e =
                run(
                        filter("urldecode", "field", "url"),
                        event(
                                "url",
                                "/fr/search-results?queryText=Organigramme%20de%20la%20Commission%20europ%C3%A9enne%201998&additionalTextParam=organigramme%20de%20la%20commission%20européenne%201998"));
        assertThat(e.get("url"))
                .isEqualTo(
                        "/fr/search-results?queryText=Organigramme de la Commission européenne"
                                + " 1998&additionalTextParam=organigramme de la commission"
                                + " européenne 1998");
    }

    @Test
    void nonRfc3986TextInTheUrl() {
        Event e =
                run(
                        filter("urldecode", "field", "url"),
                        event(
                                "url",
                                "http%3A%2F%2Fl%C3%B8gstash.net%2Fd%C3%B8cs%2F1.3.2%2Ffilters%2Furldecøde?name=frødø%20båggins"));
        assertThat(e.get("url"))
                .isEqualTo("http://løgstash.net/døcs/1.3.2/filters/urldecøde?name=frødø båggins");
    }

    @Test
    void hashesAndArrays() {
        Event h = run(filter("urldecode"), event("message", map("url", ENCODED)));
        assertThat(h.get("[message][url]")).isEqualTo(DECODED);
        Event a = run(filter("urldecode"), event("message", list(ENCODED, 3L)));
        assertThat(a.get("message")).isEqualTo(list(DECODED, 3L));
        assertThat(a.get("tags")).isNull();
    }

    @Test
    void plusStaysAndOtherCharsets() {
        Event e = run(filter("urldecode"), event("message", "a+b%20c%2"));
        assertThat(e.get("message")).isEqualTo("a+b c%2");
        Event latin = run(filter("urldecode", "charset", "ISO-8859-1"), event("message", "caf%E9"));
        assertThat(latin.get("message")).isEqualTo("café");
    }

    @Test
    void missingFieldBecomesNullAndCommonOptionsApply() {
        Event e = run(filter("urldecode", "add_tag", list("decoded")), event("other", 1L));
        assertThat(e.includes("message")).isTrue();
        assertThat(e.get("message")).isNull();
        assertThat(e.tags()).containsExactly("decoded");
    }

    @Test
    void unknownCharsetIsAConfigError() {
        assertThatThrownBy(() -> filter("urldecode", "charset", "NOPE-1"))
                .hasMessageContaining("charset");
    }
}
