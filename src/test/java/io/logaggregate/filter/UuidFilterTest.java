package io.logaggregate.filter;

import static io.logaggregate.filter.FilterTestSupport.event;
import static io.logaggregate.filter.FilterTestSupport.filter;
import static io.logaggregate.filter.FilterTestSupport.list;
import static io.logaggregate.filter.FilterTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logaggregate.event.Event;
import org.junit.jupiter.api.Test;

/** Ported from logstash-filter-uuid's uuid_spec.rb, plus the common options. */
class UuidFilterTest {
    private static final String UUID_RE =
            "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @Test
    void generatesAUuidField() {
        Event e = run(filter("uuid", "target", "target"), event("name", "foo"));
        assertThat((String) e.get("target")).matches(UUID_RE);
        Event other = run(filter("uuid", "target", "target"), event("name", "foo"));
        assertThat(other.get("target")).isNotEqualTo(e.get("target"));
    }

    @Test
    void keepsAnExistingValueUnlessOverwrite() {
        Event kept = run(filter("uuid", "target", "target"), event("target", "foo"));
        assertThat(kept.get("target")).isEqualTo("foo");
        Event over =
                run(filter("uuid", "target", "target", "overwrite", true), event("target", "foo"));
        assertThat((String) over.get("target")).matches(UUID_RE);
    }

    @Test
    void nestedTargetAndCommonOptions() {
        Event e =
                run(filter("uuid", "target", "[@metadata][id]", "add_tag", list("ided")), event());
        assertThat((String) e.get("[@metadata][id]")).matches(UUID_RE);
        assertThat(e.tags()).containsExactly("ided");
    }

    @Test
    void targetIsRequired() {
        assertThatThrownBy(() -> filter("uuid"))
                .hasMessageContaining("Missing a required setting for the uuid filter plugin");
        assertThatThrownBy(() -> filter("uuid", "target", "t", "nope", 1L))
                .hasMessageContaining("Unknown setting 'nope' for uuid");
    }
}
