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
import io.logaggregate.config.PluginSettings;
import io.logaggregate.event.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

class DropAndCommonOptionsTest {
    @Test
    void dropCancelsAndIgnoresCommonOptions() {
        Event e = run(filter("drop", "add_tag", list("x")), event("a", 1L));
        assertThat(e.isCancelled()).isTrue();
        assertThat(e.toMap()).isEqualTo(expected("a", 1L));
    }

    @Test
    void dropPercentage() {
        Filter never = filter("drop", "percentage", 0L);
        Filter always = filter("drop", "percentage", 100L);
        for (int i = 0; i < 100; i++) {
            assertThat(run(never, event()).isCancelled()).isFalse();
            assertThat(run(always, event()).isCancelled()).isTrue();
        }
    }

    @Test
    void unknownPluginIsAConfigError() {
        assertThatThrownBy(() -> filter("geoip"))
                .isInstanceOf(ConfigException.class)
                .hasMessage(
                        "Couldn't find any filter plugin named 'geoip'. Are you sure this is"
                                + " correct?")
                .extracting(e -> ((ConfigException) e).location())
                .isEqualTo(FilterTestSupport.LOC);
    }

    private static CommonOptions common(Object... settings) {
        return CommonOptions.from(
                new PluginSettings(FilterTestSupport.def("mutate", settings), List.of()));
    }

    @Test
    void addFieldInterpolatesAndAppendsToExistingFields() {
        CommonOptions c =
                common(
                        "add_field",
                        map(
                                "new_%{k}",
                                "v=%{v}",
                                "existing",
                                "two",
                                "multi",
                                list("a", "b"),
                                "[n][x]",
                                "%{missing}"));
        Event e = event("k", "key", "v", 1L, "existing", "one");
        c.apply(e);
        assertThat(e.toMap())
                .isEqualTo(
                        expected(
                                "k",
                                "key",
                                "v",
                                1L,
                                "existing",
                                list("one", "two"),
                                "new_key",
                                "v=1",
                                "multi",
                                list("a", "b"),
                                "n",
                                map("x", "%{missing}")));
    }

    @Test
    void tagsAddedAfterFieldsRemovedThenTagsRemoved() {
        CommonOptions c =
                common(
                        "add_field",
                        map("tmp", "x"),
                        "remove_field",
                        list("tmp", "[gone_%{k}]"),
                        "add_tag",
                        list("t_%{k}", "keep"),
                        "remove_tag",
                        list("keep", "old"));
        Event e = event("k", "a", "gone_a", 1L, "tags", "old");
        c.apply(e);
        assertThat(e.toMap()).isEqualTo(expected("k", "a", "tags", list("t_a")));
    }

    @Test
    void removeTagWithoutTagsDoesNothing() {
        CommonOptions c = common("remove_tag", list("x"));
        Event e = event("a", 1L);
        c.apply(e);
        assertThat(e.toMap()).isEqualTo(expected("a", 1L));
        assertThat(CommonOptions.none().isEmpty()).isTrue();
    }

    @Test
    void badFieldNamesAreSkippedNotThrown() {
        CommonOptions c =
                common(
                        "add_field",
                        map("%{k}", "x", "@timestamp", "not a time"),
                        "remove_field",
                        list("%{k}"));
        Event e = event("k", "[broken");
        c.apply(e);
        assertThat(e.toMap()).isEqualTo(expected("k", "[broken"));
    }
}
